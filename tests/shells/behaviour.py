"""What `triplydb` does to a real shell, loaded from `init` under the shell's strict mode:
use, use -, off, the default profile, an inherited token, failures, and the official CLI.
Usage: behaviour.py SHELL PROGRAM"""
import difflib
import shutil
import sys

import harness
from harness import expected_variables as variables

PROD = {"name": "prod", "account": "acme"}
STAGING = {"name": "staging"}
READ = {"name": "acme-read", "account": "it's \"read\" $(only)"}
PROFILES = [PROD, STAGING, READ]

# Each: name, options for Sandbox.run, body (SHOW prints the exported variables), expected stdout
# lines, and text that must appear on stderr.
SCENARIOS = [
    ("the default profile is active in a new shell", {}, "SHOW\n", variables(PROD), []),
    ("an inherited TRIPLYDB_TOKEN is left alone", {"extra_env": {"TRIPLYDB_TOKEN": "inherited"}},
     "SHOW\nstatus_of triplydb use staging\nSHOW\n",
     ["TRIPLYDB_TOKEN=inherited", "status=0", *variables(STAGING)], []),
    ("--no-default activates nothing", {"init_args": " --no-default"}, "SHOW\n", [], []),
    ("use, use - and off", {"init_args": " --no-default"},
     "status_of triplydb use staging\nSHOW\nstatus_of triplydb use prod\nSHOW\nstatus_of triplydb use -\nSHOW\n"
     "status_of triplydb use -\nSHOW\nstatus_of triplydb off\nSHOW\nstatus_of triplydb use -\nSHOW\n"
     "status_of triplydb use acme-read\nSHOW\n",
     ["status=0", *variables(STAGING), "status=0", *variables(PROD), "status=0", *variables(STAGING),
      "status=0", *variables(PROD), "status=0", "status=0", *variables(PROD),
      "status=0", *variables(READ)], []),
    ("use - without a previous profile fails", {"init_args": " --no-default"},
     "status_of triplydb use -\nSHOW\n", ["status=1"], ["triplydb: no previous profile in this shell"]),
    ("a failed use leaves the environment as it was", {},
     "status_of triplydb use nope\nSHOW\nstatus_of triplydb use -\nstatus_of triplydb use --shell\nstatus_of triplydb use prod staging\nSHOW\n",
     ["status=1", *variables(PROD), "status=1", "status=2", "status=2", *variables(PROD)],
     ["triplydb-profile: unknown profile 'nope'", "no previous profile", "'--shell' is not a profile name",
      "use takes one profile name, got 2"]),
    ("use without a name and without a terminal lists the names", {"init_args": " --no-default"},
     "status_of triplydb use\nSHOW\n", ["status=2"], ["use needs a profile name", "prod", "staging", "acme-read"]),
    ("our other subcommands go to triplydb-profile", {},
     "status_of triplydb list --names\nstatus_of triplydb default\n",
     ["prod", "staging", "acme-read", "status=0", "prod", "status=0"], []),
    ("--cmd names the function", {"init_args": " --cmd tdb --no-default"},
     "status_of tdb use staging\nSHOW\n", ["status=0", *variables(STAGING)], []),
    ("another subcommand without the official CLI fails helpfully", {},
     "status_of triplydb import-from-file --help\n", ["status=127"],
     ["'import-from-file' is not a triplydb-profile command", "npm install --global @triply/triplydb"]),
]

# bash and zsh: init defines stand-ins, and the first use loads the functions (init --functions).
LOADED = "type __triplydb_use >/dev/null 2>&1 && echo loaded || echo stand-ins\n"
LAZY_SHELLS = ("bash", "zsh")


def lazy_scenarios(box):
    gone = box.dir / "gone" / "triplydb-profile"
    gone.parent.mkdir()
    shutil.copy2(box.program, gone)
    return [
        ("the first use loads the functions", {"init_args": " --no-default"},
         LOADED + "status_of triplydb use staging\nSHOW\n" + LOADED,
         ["stand-ins", "status=0", *variables(STAGING), "loaded"], []),
        ("a program that is gone makes the stand-in fail, every time", {"program": str(gone), "init_args": " --no-default"},
         f"rm -f {gone}\nstatus_of triplydb use staging\nstatus_of triplydb use staging\nSHOW\n",
         ["status=1", "status=1"], [f"triplydb: cannot load the shell integration from {gone}"]),
    ]


# The status of the command before the init line is still there after it (strict modes off).
STATUS_BODIES = {
    "bash": "set +e\ntext=$(BIN init bash)\nfalse\neval \"$text\"\necho \"after=$?\"\n",
    "zsh": "unsetopt err_exit\ntext=$(BIN init zsh)\nfalse\neval \"$text\"\necho \"after=$?\"\n",
    "fish": "set text (BIN init fish | string collect)\nfalse\nprintf '%s' $text | source\necho after=$status\n",
    "pwsh": "$text = & BIN init pwsh | Out-String\nsh -c 'exit 3'\nInvoke-Expression $text\n\"after=$LASTEXITCODE\"\n",
}
STATUS_EXPECTED = {"bash": "after=1", "zsh": "after=1", "fish": "after=1", "pwsh": "after=3"}


def check(label, status, out, err, expected_lines, stderr_parts):
    problems = []
    if status != 0:
        problems.append(f"the script exited {status}")
    if out.splitlines() != expected_lines:
        diff = difflib.unified_diff(expected_lines, out.splitlines(), "expected", "stdout", lineterm="")
        problems.append("\n".join(diff))
    for part in stderr_parts:
        if part not in err:
            problems.append(f"stderr lacks {part!r}")
    print(("ok   " if not problems else "FAIL ") + label)
    for problem in problems:
        print("     " + problem.replace("\n", "\n     "))
    if problems and err:
        print("     stderr:\n     " + err.replace("\n", "\n     "))
    return not problems


def main():
    shell, program = sys.argv[1], sys.argv[2]
    executable = harness.find_shell(shell)
    box = harness.Sandbox(program)
    ok = True
    try:
        box.profiles.write_text(harness.profiles_yaml(PROFILES, default="prod"))
        scenarios = SCENARIOS + (lazy_scenarios(box) if shell in LAZY_SHELLS else [])
        for label, options, body, expected, stderr_parts in scenarios:
            ok &= check(label, *box.run(shell, executable, body, **options), expected, stderr_parts)

        official = harness.official_cli_dir()
        if official is None:
            if harness.on_ci():
                print("FAIL the official TriplyDB CLI is missing (TRIPLYDB_OFFICIAL_CLI_DIR); CI must install it")
                ok = False
            else:
                print("note: passthrough to the official CLI not checked (TRIPLYDB_OFFICIAL_CLI_DIR is not set)")
        else:
            status, out, err = box.run(shell, executable, "status_of triplydb import-from-file --help\n", path_dirs=[official])
            lines = out.splitlines()
            ok &= check("other subcommands go to the official CLI", status, out, err, lines, [])
            if not (lines and lines[0] == "Usage: triplydb import-from-file [options]" and lines[-1] == "status=0"):
                print("FAIL the official CLI's help did not come through:\n" + out + err)
                ok = False

        # A program path with a space and both quotes still works in every shell.
        odd = box.dir / "it's a \"dir\" $(x)"
        odd.mkdir()
        shutil.copy2(box.program, odd / "triplydb-profile")
        ok &= check("a program path with a space and quotes", *box.run(
            shell, executable, "status_of triplydb use staging\nSHOW\nstatus_of triplydb use nope\nSHOW\n",
            program=str(odd / "triplydb-profile"), init_args=" --no-default"),
            ["status=0", *variables(STAGING), "status=1", *variables(STAGING)], [])

        if shell not in STATUS_BODIES:  # nushell, elvish and xonsh keep no status of a previous command
            return 0 if ok else 1
        body = STATUS_BODIES[shell].replace("BIN", harness.quote(shell, box.program))
        ok &= check("the previous command's status survives init", *box.run(shell, executable, body, load_init=False),
                    [STATUS_EXPECTED[shell]], [])
    finally:
        box.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
