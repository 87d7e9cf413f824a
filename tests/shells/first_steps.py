"""What a newcomer types, through the real `triplydb` function in the real shell: exec with and
without `--` and without a command, piped input, names with commas, help for use and off, typos of
our commands, and the official CLI's help without the token.
Usage: first_steps.py SHELL PROGRAM"""
import subprocess
import sys

import harness
from behaviour import check
from harness import expected_variables as variables

PROD = {"name": "prod", "account": "acme"}
STAGING = {"name": "staging"}
PROFILES = [PROD, STAGING]


def call(shell, command):
    """`command` run through the function as typed, then `status=N`. pwsh's own status_of function
    would take a `--` out before the triplydb function saw it, so pwsh calls it directly."""
    if shell == "pwsh":
        return f"{command}\n\"status=$LASTEXITCODE\"\n"
    return f"status_of {command}\n"


def piped(shell, text, command):
    """`text` (one line) piped into the function."""
    if shell == "pwsh":
        return f"{harness.quote(shell, text)} | {command}\n\"status=$LASTEXITCODE\"\n"
    if shell == "nu":
        return f"status_of {harness.quote(shell, text + chr(10))} | {command}\n"
    if shell == "elvish":  # elvish's builtin printf takes no backslash escapes
        return f"echo {harness.quote(shell, text)} | status_of {command}\n"
    return f"printf '%s\\n' {harness.quote(shell, text)} | status_of {command}\n"


def sh_script(shell, text):
    """`text` as one word for `sh -c`: xonsh expands $NAME inside quotes too, so there a Python string."""
    return f"@({text!r})" if shell == "xonsh" else f"'{text}'"


def program_lines(program, *args):
    return subprocess.run([program, *args], capture_output=True, text=True, check=True).stdout.splitlines()


def scenarios(shell, box):
    token_file = harness.quote(shell, str(box.dir / "piped.token"))
    (box.dir / "piped.token").write_text(harness.make_token("piped") + "\n")
    names_after_add = ["prod", "staging", "piped"]
    program = ("^" if shell == "nu" else "") + harness.quote(shell, box.program)  # nushell runs a quoted path after ^
    # xonsh's function cannot be in a pipeline (README): there the name is refused before a token is read.
    add_with_comma = (call(shell, "triplydb add 'x,y' --from-env") if shell == "xonsh" else
                      piped(shell, harness.make_token("xy"), "triplydb add 'x,y' --no-verify"))
    return [
        ("exec passes every word after -- to the command",
         {}, call(shell, f"triplydb exec prod -- sh -c {sh_script(shell, 'echo $0:$TRIPLYDB_PROFILE')} -1"), ["-1:prod", "status=0"], []),
        ("exec without -- runs the command too",
         {}, call(shell, f"triplydb exec staging sh -c {sh_script(shell, 'echo $0:$TRIPLYDB_PROFILE')} -n") +
         call(shell, f"triplydb exec prod sh -c {sh_script(shell, 'exit 3')}"),
         ["-n:staging", "status=0", "status=3"], []),
        ("exec without a command starts $SHELL with the profile", {"extra_env": {"SHELL": "sh"}},
         piped(shell, "echo in-shell $TRIPLYDB_PROFILE", "triplydb exec staging"), ["in-shell staging", "status=0"], []),
        ("piped input reaches exec's command", {}, piped(shell, "hello", "triplydb exec prod -- cat"), ["hello", "status=0"], []),
        ("a piped token reaches add", {},
         f"cat {token_file} | triplydb add piped --no-verify\n" + call(shell, "triplydb list --names"),
         ["Added profile 'piped' for https://api.triplydb.com (token ****" + harness.make_token("piped")[-4:] + ").", "Activate it with 'triplydb use piped'.",
          *names_after_add, "status=0"], []),
        ("a comma is part of the name, in use, remove and add", {},
         call(shell, "triplydb use 'staging,'") + "SHOW\n" + call(shell, "triplydb remove 'staging,'") +
         call(shell, "triplydb list --names") + add_with_comma,
         ["status=2", *variables(PROD), "status=2", "prod", "staging", "status=0", "status=2"],
         ["invalid profile name 'staging,'", "invalid profile name 'x,y'"]),
        ("rename of the active profile keeps this shell on it, and use - on the other", {},
         call(shell, "triplydb use staging") + call(shell, "triplydb rename staging stage") + "SHOW\n" +
         call(shell, "triplydb current") + call(shell, "triplydb use -") + call(shell, "triplydb use -") + "SHOW\n" +
         call(shell, "triplydb rename prod production") + call(shell, "triplydb use -") + "SHOW\n",
         ["status=0", "Renamed profile 'staging' to 'stage'.", "status=0",
          *[line.replace("TRIPLYDB_PROFILE=staging", "TRIPLYDB_PROFILE=stage") for line in variables(STAGING)],
          "stage", "status=0", "status=0", "status=0", *[line.replace("TRIPLYDB_PROFILE=staging", "TRIPLYDB_PROFILE=stage") for line in variables(STAGING)],
          "Renamed profile 'prod' to 'production'.", "status=0", "status=0",
          *[line.replace("TRIPLYDB_PROFILE=prod", "TRIPLYDB_PROFILE=production") for line in variables(PROD)]], []),
        ("use --help, off -h and help use describe them", {},
         call(shell, "triplydb use --help") + call(shell, "triplydb off -h") + call(shell, "triplydb help use"),
         [*program_lines(box.program, "use", "--help"), "status=0", *program_lines(box.program, "off", "--help"), "status=0",
          *program_lines(box.program, "use", "--help"), "status=0"], []),
        ("a typo of ours gets did you mean", {}, call(shell, "triplydb lst"), ["status=2"],
         ["unknown command 'lst'; did you mean 'list'?"]),
        ("init --cmd refuses keywords, builtins and the program's own name", {"load_init": False},
         "".join(f"status_of {program} init {shell} --cmd {name}\n" for name in ("if", "cd", "Set", "triplydb-profile")),
         ["status=2"] * 4, ["'if' is a shell keyword; a function of that name cannot be defined",
                            "'cd' is a shell builtin; a function of that name would take it over",
                            "'Set' is a shell builtin", "--cmd triplydb-profile would hide the program behind the function"]),
    ] + ([] if shell in ("pwsh", "elvish") else [  # pwsh resolves its alias cd before any function
        ("a start-up line with --cmd cd leaves cd alone", {"init_args": " --cmd cd"}, "cd /\n" + {"nu": "print (pwd)\n", "xonsh": "print($PWD)\n"}.get(shell, "pwd\n"), ["/"],
         ["'cd' is a shell builtin"]),
    ])


# doctor's lines about tokens when one profile's token comes from a token_command it does not run.
DOCTOR_PROFILES = harness.profiles_yaml([PROD]) + "  vault:\n    instance: https://api.triplydb.com\n    token_command: pass show nothing\n"
DOCTOR_LINES = ["ok    1 of 1 tokens are valid for at least 14 more days",
                "warn  expiry not checked for vault (token_command): run 'triplydb doctor --online' to fetch and verify them"]


# Checks left out for a shell, and why (printed).
PIPED = ["exec without a command starts $SHELL with the profile", "piped input reaches exec's command", "a piped token reaches add"]
LEFT_OUT = {"elvish": ["a start-up line with --cmd cd leaves cd alone: elvish raises when the program in the rc line's "
                       "output capture fails (init refuses cd), so the rest of that eval does not run"],
            "xonsh": [f"{label}: xonsh's function cannot be in a pipeline yet (README)" for label in PIPED]}


def check_doctor(shell, executable, box):
    box.profiles.write_text(DOCTOR_PROFILES)
    status, out, err = box.run(shell, executable, call(shell, "triplydb doctor"), init_args=" --no-default")
    missing = [line for line in DOCTOR_LINES if line not in out.splitlines()]
    print(("ok   " if not missing and status == 0 else "FAIL ") + "doctor does not call a token it did not read valid")
    for line in missing:
        print(f"     stdout lacks {line!r}\n     " + (out + err).replace("\n", "\n     "))
    return not missing and status == 0


def official_scenarios(shell, official):
    """With the official CLI on PATH; prod (the default) is active, so TRIPLYDB_TOKEN is set."""
    token = harness.make_token("prod")
    usage = "Usage: triplydb import-from-file [options]"
    return [
        ("help of an official command is the official CLI's, without the token", {"path_dirs": [official]},
         call(shell, "triplydb import-from-file --help") + call(shell, "triplydb help import-from-file") +
         call(shell, "triplydb import-from-file -h"), usage, token),
        ("a typo of ours does not go to the official CLI", {"path_dirs": [official]},
         call(shell, "triplydb lst") + call(shell, "triplydb frobnicate"), None, token),
    ]


def check_official(shell, executable, box, official):
    ok = True
    (help_label, options, body, usage, token), (typo_label, typo_options, typo_body, _, _) = official_scenarios(shell, official)
    status, out, err = box.run(shell, executable, body, **options)
    lines = out.splitlines()
    problems = []
    if status != 0 or lines.count(usage) != 3 or lines.count("status=0") != 3:
        problems.append("the official CLI's help did not come through three times")
    if token in out + err or token[-12:] in out + err:
        problems.append("the official CLI's help shows the token")
    print(("ok   " if not problems else "FAIL ") + help_label)
    for problem in problems:
        print("     " + problem + "\n     " + (out + err).replace("\n", "\n     "))
    ok &= not problems
    status, out, err = box.run(shell, executable, typo_body, **typo_options)
    ok &= check(typo_label, status, out, err, ["status=2", "status=1"],
                ["unknown command 'lst'; did you mean 'list'?", "error: unknown command 'frobnicate'"])
    if "error: unknown command 'lst'" in err:
        print("FAIL 'lst' went to the official CLI")
        ok = False
    return ok


def main():
    shell, program = sys.argv[1], sys.argv[2]
    executable = harness.find_shell(shell)
    box = harness.Sandbox(program)
    results = []
    for reason in LEFT_OUT.get(shell, []):
        print(f"note: left out for {shell}: {reason}")
    try:
        for label, options, body, expected, stderr_parts in scenarios(shell, box):
            if shell == "xonsh" and label in PIPED:
                continue
            box.profiles.write_text(harness.profiles_yaml(PROFILES, default="prod"))
            box.profiles.chmod(0o600)
            results.append(check(label, *box.run(shell, executable, body, **options), expected, stderr_parts))
        results.append(check_doctor(shell, executable, box))
        official = harness.official_cli_dir()
        if official is None:
            if harness.on_ci():
                print("FAIL the official TriplyDB CLI is missing (TRIPLYDB_OFFICIAL_CLI_DIR); CI must install it")
                results.append(False)
            else:
                print("note: the official CLI's help not checked (TRIPLYDB_OFFICIAL_CLI_DIR is not set)")
        else:
            box.profiles.write_text(harness.profiles_yaml(PROFILES, default="prod"))
            results.append(check_official(shell, executable, box, official))
    finally:
        box.cleanup()
    print(f"first_steps {shell}: {results.count(True)} passed, {results.count(False)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
