"""README's command list says what the program says: every command of `triplydb-profile --help`
appears in the code block under "## Commands" (as `triplydb-profile NAME` or, for the shell
function's own commands, `triplydb NAME`), and that block names no command the program lacks.
Usage: check_readme_commands.py PATH_TO_triplydb-profile README.md"""
import re
import subprocess
import sys

program, readme = sys.argv[1:3] if len(sys.argv) == 3 else sys.exit(__doc__)
top = subprocess.run([program, "--help"], capture_output=True, text=True, check=True).stdout
block = top.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
commands = {line.split()[0] for line in block.splitlines() if line.startswith("  ")}
with open(readme, encoding="utf-8") as f:
    section = f.read().split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
listing = "\n".join(re.findall(r"```sh\n(.*?)```", section, re.S))
named = set(re.findall(r"^\s*(?:\S+=\S+ )?(?:\S+ \| )?triplydb(?:-profile)? ([a-z][a-z-]*)", listing, re.M))
failures = [f"'{c}' is in --help but not in README's command list" for c in sorted(commands - named)]
failures += [f"README's command list names '{c}', which --help does not list" for c in sorted(named - commands)]
for failure in failures:
    print("FAIL:", failure)
print(f"readme_commands: {len(commands | named) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
