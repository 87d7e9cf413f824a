"""The shell files pass their shell's checker, as files and as `init` renders them (shellcheck for
bash, `zsh -n`, `fish --no-execute`, PowerShell's parser), and `init`/`completion` print them as
they are. Usage: lint.py SHELL PROGRAM SOURCE_DIR"""
import shutil
import subprocess
import sys
from pathlib import Path

import harness

FILES = {
    "bash": ["shells/triplydb.bash", "completions/triplydb-profile.bash", "shells/triplydb-loader.bash"],
    "zsh": ["shells/triplydb.zsh", "completions/_triplydb-profile", "shells/triplydb-loader.zsh"],
    "fish": ["shells/triplydb.fish", "completions/triplydb-profile.fish"],
    "pwsh": ["shells/triplydb.ps1", "completions/triplydb-profile.ps1"],
    "nu": ["shells/triplydb.nu", "completions/triplydb-profile.nu"],
    "elvish": ["shells/triplydb.elv", "completions/triplydb-profile.elv"],
    "xonsh": ["shells/triplydb.xsh", "completions/triplydb-profile.xsh"],
}

# The function file needs what its completion defines (nushell resolves a completer as it parses,
# elvish a variable as it compiles): it is checked with the completion in front, as init puts it.
NEEDS_COMPLETION = ("nu", "elvish")

# xonsh's own parser (the one that runs rc files), on the file named in the environment.
XONSH_COMPILE = "compilex(open($TRIPLYDB_LINT_FILE).read(), 'exec', {})"

PWSH_PARSE = ("$errors = $null; $tokens = $null; "
              "[void][System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$tokens, [ref]$errors); "
              "foreach ($e in $errors) { \"$($e.Extent.StartLineNumber): $($e.Message)\" }; exit $errors.Count")


def checker(shell, executable, path, box, rendered=False):
    """Runs the shell's checker on one file; returns (ok, output)."""
    if shell == "bash":
        tool = shutil.which("shellcheck")
        if not tool:
            harness.skip_or_fail("shellcheck is not installed")
        argv = [tool, "--shell=bash", "--severity=style", str(path)]
        if rendered:
            # The account's `$(e)` and curly quote are data in single quotes, which is the point.
            argv.insert(1, "--exclude=SC2016,SC1112")
    elif shell == "zsh":
        argv = [executable, "-n", str(path)]
    elif shell == "fish":
        argv = [executable, "--no-execute", str(path)]
    elif shell == "nu":
        argv = [executable, "--no-config-file", "-c", f"nu-check --debug {harness.quote('nu', str(path))}"]
    elif shell == "elvish":
        argv = [executable, "-norc", "-compileonly", str(path)]
    elif shell == "xonsh":
        argv = [executable, "--no-rc", "-c", XONSH_COMPILE]
    else:
        parse = box.dir / "parse.ps1"
        parse.write_text(PWSH_PARSE)
        argv = [executable, "-NoProfile", "-NoLogo", "-NonInteractive", "-File", str(parse), str(path)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, env={**box.environment(),
                            "TRIPLYDB_LINT_FILE": str(path)})
    return result.returncode == 0, result.stdout + result.stderr


def main():
    shell, program, source = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    executable = harness.find_shell(shell)
    box = harness.Sandbox(program)
    failures = []
    try:
        # A default profile whose account would break the text if it were not quoted.
        box.profiles.write_text(harness.profiles_yaml([{"name": "prod", "account": "a'b\"c`d$(e)\\\u2019"}],
                                                      default="prod"))
        env = box.environment()
        run = lambda *args: subprocess.run([box.program, *args], capture_output=True, env=env)  # noqa: E731
        init = run("init", shell)
        # bash and zsh print stand-ins that load the functions with `init --functions` on first use.
        lazy = shell in ("bash", "zsh")
        functions = run("init", shell, "--functions") if lazy else init
        renders = {box.dir / ("init" + harness.SCRIPT_SUFFIX[shell]): init.stdout}
        if lazy:
            renders[box.dir / ("functions" + harness.SCRIPT_SUFFIX[shell])] = functions.stdout
        for path, text in renders.items():
            path.write_bytes(text)
        files = [source / f for f in FILES[shell]]
        if shell in NEEDS_COMPLETION:
            joined = box.dir / ("with-completion-" + files[0].name)
            prelude = "var __triplydb_bin = triplydb-profile\n" if shell == "elvish" else ""
            joined.write_bytes(prelude.encode() + files[1].read_bytes() + files[0].read_bytes())
            files = [joined, files[1]] if shell == "nu" else [files[0], joined]
        for path in files + list(renders):
            ok, output = checker(shell, executable, path, box, rendered=path in renders)
            print(f"{'ok  ' if ok else 'FAIL'} {shell}: checker on {path.name}")
            if not ok:
                failures.append(f"{path}:\n{output}")

        for result in (init, functions):
            text = result.stdout.decode()
            if result.returncode != 0 or "__TRIPLYDB_" in text or harness.quote(shell, box.program) not in text:
                failures.append(f"{' '.join(map(str, result.args[1:]))} left a placeholder, or lacks the quoted "
                                f"program path:\n{text[:400]}")
        completion = run("completion", shell)
        expected = (source / FILES[shell][1]).read_bytes()
        if completion.returncode != 0 or completion.stdout != expected:
            failures.append(f"`completion {shell}` differs from {FILES[shell][1]}")
        if expected not in functions.stdout:
            failures.append(f"`init {shell}{' --functions' if lazy else ''}` lacks the completion script")
        # The stand-ins define neither the completion nor the functions (`use` among them).
        if lazy and (expected in init.stdout or b"__triplydb_use" in init.stdout or b"__triplydb_use" not in functions.stdout):
            failures.append(f"`init {shell}` should print only the stand-ins, not the functions")
        for args, message in [(["init", shell, "--cmd", "a;b"], b"init: 'a;b' cannot name a function"),
                              (["init", shell, "--cmd", "triplydb-profile"], b"would hide the program behind the function"),
                              (["init", "posix"], b"init: unknown shell 'posix'; use bash, zsh, fish, pwsh, nu, elvish or xonsh"),
                              *([] if lazy else [(["init", shell, "--functions"], b"init: --functions is for bash and zsh")]),
                              (["completion", "dotenv"], b"completion: unknown shell 'dotenv'")]:
            result = run(*args)
            if result.returncode != 2 or result.stdout or message not in result.stderr:
                failures.append(f"{' '.join(args)}: exit {result.returncode}, stderr {result.stderr!r}")
        for failure in failures:
            print("FAIL " + failure)
        print(f"{shell}: {'all checks passed' if not failures else f'{len(failures)} failures'}")
    finally:
        box.cleanup()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
