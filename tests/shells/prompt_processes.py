"""How many processes the project-folder hook starts, counted with strace in the real shell:
none at a prompt whose folder has not changed, at most one after a `cd` (into a project with a
profile to activate, a project not allowed, a plain folder, and back out). bash, zsh and fish run
interactively (-i) reading the commands from standard input, so that bash runs PROMPT_COMMAND
before each prompt as it does at a terminal; pwsh runs a script, where LocationChangedAction
fires as it does at a prompt; elvish runs a script too, where `cd` runs $after-chdir as at a prompt
(elvish has no prompt-time hook to count: nothing of ours runs at its prompt), and so does xonsh,
where `cd` fires on_chdir (nothing of ours runs at its prompt either). nushell runs its
env_change hooks only before a prompt of its REPL, which reads no script: the script runs them
after each line as the REPL does, on a terminal. Threads are not processes and are not counted.
Usage: prompt_processes.py SHELL PROGRAM"""
import os
import pty
import re
import shutil
import subprocess
import sys

import harness
import project_folders
from project_folders import profiles_file

# (command, at most this many processes between the marker before it and the next one)
STEPS = [("", 0), ("", 0), ("cd proj", 1), ("", 0), ("cd sub", 1), ("", 0), ("cd ../../plain", 1), ("", 0),
         ("cd ../unallowed", 1), ("", 0), ("cd ..", 1), ("", 0), ("cd plain", 1), ("", 0)]


def script(shell, program, init_file):
    q = harness.quote(shell, program)
    allow = {"pwsh": "triplydb allow | Out-Null", "nu": "triplydb allow | ignore", "xonsh": "triplydb allow"}.get(shell, "triplydb allow >/dev/null")
    # elvish: the function lives in eval's namespace, so the allow runs inside that eval.
    init = {"bash": f'eval "$({q} init bash --no-default)"', "zsh": f'eval "$({q} init zsh --no-default)"',
            "fish": f"{q} init fish --no-default | source", "pwsh": f"Invoke-Expression (& {q} init pwsh --no-default | Out-String)",
            "nu": f"source {harness.quote(shell, str(init_file))}",
            "elvish": f"eval ({q} init elvish --no-default | slurp)'\n{allow}\n'",
            "xonsh": harness.INIT_LINES["xonsh"].format(bin=q, args=" --no-default").rstrip("\n")}[shell]
    # xonsh's echo is /bin/echo, whose start would count before its own marker: Python's print there.
    mark = {"pwsh": "[Console]::Out.WriteLine('mark-{}')", "nu": "print mark-{}", "xonsh": "print('mark-{}', flush=True)"}.get(shell, "echo mark-{}")
    # nushell runs its hooks only before a prompt of its REPL, which reads no script: here as it does there.
    prompt = [project_folders.PROMPT["nu"]] if shell == "nu" else []
    if shell == "elvish":
        lines = ["cd proj", init, "cd .."]
    else:
        lines = [line for command in (init, "cd proj", allow, "cd ..") for line in (command, *prompt)]
    for i, (command, _) in enumerate(STEPS):
        lines.append(mark.format(i))
        if command:
            lines.append(command)
        lines += prompt
    lines.append(mark.format(len(STEPS)))
    lines.append("exit")
    return "\n".join(lines) + "\n"


def command(shell, executable, script_file):
    return {"bash": [executable, "--norc", "--noprofile", "-i"], "zsh": [executable, "-f", "-i"],
            "fish": [executable, "--no-config", "-i"],
            "pwsh": [executable, "-NoProfile", "-NoLogo", "-NonInteractive", "-File", str(script_file)],
            "nu": [executable, "--no-config-file", "--no-history", str(script_file)],
            "elvish": [executable, "-norc", str(script_file)],
            "xonsh": [executable, "--no-rc", "--no-script-cache", str(script_file)]}[shell]


def count(trace):
    """Processes started between consecutive markers, by marker number."""
    counts = {}
    current = None
    for line in trace.splitlines():
        mark = re.search(r'write\(\d+, "mark-(\d+)', line)
        if mark:
            current = int(mark.group(1))
            counts[current] = 0
        elif re.search(r"\b(clone3?|fork|vfork)\(", line) and "CLONE_THREAD" not in line and "resumed" not in line:
            if current is not None:
                counts[current] += 1
    return counts


def main():
    shell, program = sys.argv[1], str(sys.argv[2])
    executable = harness.find_shell(shell)
    strace = shutil.which("strace")
    if not strace:
        harness.skip_or_fail("strace is not installed")
    box = harness.Sandbox(program)
    passed = failed = 0
    try:
        box.profiles.write_text(profiles_file())
        box.profiles.chmod(0o600)
        for folder in ("proj/sub", "plain", "unallowed"):
            (box.dir / folder).mkdir(parents=True)
        (box.dir / "proj" / ".triplydb.yaml").write_text("version: 1\ninstance: https://api.data.acme.example\naccount: acme\n")
        (box.dir / "unallowed" / ".triplydb.yaml").write_text("version: 1\ninstance: https://api.triplydb.com\n")
        script_file = box.dir / ("input" + harness.SCRIPT_SUFFIX[shell])
        init_file = box.dir / "init.nu"  # nushell sources what `init nu` wrote, as its users' config does
        init_file.write_bytes(subprocess.run([box.program, "init", "nu", "--no-default"], env=box.environment(),
                                             capture_output=True, check=True).stdout)
        script_file.write_text(script(shell, box.program, init_file))
        trace_file = box.dir / "trace"
        # In a sanitizer build LeakSanitizer forks a tracer at every exit (and fails under strace):
        # the program's own processes are what is counted, so leak checking is off here.
        asan = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "detect_leaks=0"]))
        argv = [strace, "-f", "-qq", "-o", str(trace_file), "-e", "trace=clone,clone3,fork,vfork,write",
                *command(shell, executable, script_file)]
        environment = box.environment(extra={"ASAN_OPTIONS": asan})
        if shell == "nu":
            # On a terminal, as at a prompt: without one nushell asks `tput` for the screen's size.
            leader, follower = pty.openpty()
            try:
                subprocess.run(argv, stdin=follower, stdout=follower, stderr=follower, cwd=box.dir, env=environment, timeout=120)
            finally:
                os.close(follower)
                os.close(leader)
        else:
            with open(script_file, "rb") as stdin:
                subprocess.run(argv, stdin=stdin, cwd=box.dir, env=environment, capture_output=True, timeout=120)
        counts = count(trace_file.read_text(errors="replace"))
        for i, (step, most) in enumerate(STEPS):
            label = f"{step or 'a prompt in the same folder'}: at most {most} process{'es' if most != 1 else ''}"
            got = counts.get(i)
            ok = got is not None and got <= most
            print(("ok   " if ok else "FAIL ") + f"{label} (started {got})")
            passed += ok
            failed += not ok
        # The cds did run the hook: a count of 0 everywhere would mean no hook at all.
        ran = sum(counts.get(i, 0) for i, (step, _) in enumerate(STEPS) if step)
        ok = ran == sum(1 for step, _ in STEPS if step)
        print(("ok   " if ok else "FAIL ") + f"every cd ran the hook once ({ran} processes in all)")
        passed += ok
        failed += not ok
    finally:
        box.cleanup()
    print(f"prompt_processes.{shell}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
