"""The man page says what the program says: a section for every command in `--help`, every option of
`COMMAND --help` in that section and no option there that the command lacks, every TRIPLYDB_*
variable the help texts name under ENVIRONMENT, the version, and roff that groff reads without a warning.
Usage: test_man_page.py PATH_TO_triplydb-profile PATH_TO_triplydb-profile.1"""
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import Checks, require_tool  # noqa: E402

PROGRAM, MAN_PAGE = sys.argv[1], Path(sys.argv[2])


def help_text(*words):
    result = subprocess.run([PROGRAM, *words, "--help"], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        sys.exit(f"'{' '.join(words)} --help' exited {result.returncode}: {result.stderr}")
    return result.stdout


def commands_of(text):
    """The names listed under 'Commands:' in the program's --help."""
    block = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.startswith("  ")]


def options_of(text):
    """The long options of one command's --help, without --help itself."""
    found = re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)", text, re.MULTILINE)
    return {option for option in found if option != "--help"}


def plain(roff):
    """Roff source with hyphen and font escapes removed, so '\\-\\-json' reads '--json'."""
    return re.sub(r"\\f[BIRP]|\\&", "", roff.replace("\\-", "-"))


def sections(roff, macro):
    """{heading: body} for every `.SH`/`.SS` heading."""
    parts = re.split(rf"^\.{macro} +(.+)$", roff, flags=re.MULTILINE)
    return {parts[i].strip('"'): parts[i + 1] for i in range(1, len(parts), 2)}


def item_options(body):
    """The options that head a `.TP` item, as in the option list of a command."""
    heads = re.findall(r"^\.TP\n(.+)$", body, flags=re.MULTILINE)
    return {m.group(1) for head in heads if (m := re.match(r"\.\w+ (--[a-z][a-z0-9-]*)", head))}


def main():
    checks = Checks("man page")
    roff = plain(MAN_PAGE.read_text())
    top = help_text()
    commands = commands_of(top)
    checks.expect(len(commands) >= 10, f"--help lists the commands (found {commands})")
    documented = sections(sections(roff, "SH")["COMMANDS"], "SS")
    checks.equal(sorted(documented), sorted(commands), "the man page has a section for each command of --help, and no other")

    variables = set(re.findall(r"\bTRIPLYDB_[A-Z_]+", top))
    for command in commands:
        text = help_text(command)
        variables |= set(re.findall(r"\bTRIPLYDB_[A-Z_]+", text))
        body = documented.get(command)
        if body is None:
            continue
        for option in sorted(options_of(text)):
            checks.expect(re.search(rf"{option}\b", body) is not None, f"man page: '{command}' section names {option}")
        for option in sorted(item_options(body) - options_of(text)):
            checks.expect(False, f"man page: '{command}' section lists {option}, which '{command} --help' does not have")

    environment = sections(roff, "SH")["ENVIRONMENT"]
    for variable in sorted(variables):
        checks.expect(re.search(rf"^\.B {variable}$", environment, re.MULTILINE) is not None,
                      f"man page: ENVIRONMENT describes {variable}, which the help texts name")
    exit_status = sections(roff, "SH").get("EXIT STATUS", "")
    for status in ("0", "1", "2"):
        checks.expect(f".B {status}\n" in exit_status, f"man page: EXIT STATUS describes {status}")

    version = subprocess.run([PROGRAM, "--version"], capture_output=True, text=True).stdout.strip()
    title = re.search(r"^\.TH .*$", roff, re.MULTILINE).group(0)
    checks.expect(f'"{version}"' in title, f"man page: .TH names the version '{version}'", title)

    require_tool("groff")
    lint = subprocess.run(["groff", "-man", "-ww", "-z", str(MAN_PAGE)], capture_output=True, text=True)
    checks.equal(lint.stderr, "", "groff reads the man page without warnings")
    rendered = subprocess.run(["groff", "-man", "-Tutf8", "-rLL=80n", str(MAN_PAGE)], capture_output=True, text=True)
    checks.expect("warning" not in rendered.stderr, "groff renders the page at 80 columns without warnings", rendered.stderr)
    checks.finish()


if __name__ == "__main__":
    main()
