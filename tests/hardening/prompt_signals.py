"""The hidden prompt of `add NAME` gives the terminal back when a signal ends it: after Ctrl-C,
Ctrl-\\ or a SIGTERM from outside, echo is on again, what was half typed at the prompt is thrown
away (not run as the next command), and the exit status says which signal it was. Ctrl-Z gives it
back while stopped, and `fg` hides the input again. In a real terminal (tmux); dash does not restore
the terminal after a killed program, as bash does, so it shows a left-over -echo; bash shows the
half-typed token becoming the next command line, and a token typed visibly after `fg`."""
import os
import shlex
import signal
import sys
import time
from pathlib import Path

from support import *

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "shells"))
from tmux_completion import Tmux  # noqa: E402

PROMPT = "READY>"
TYPED = "echo visible-XYZ"
HALF_TOKEN = "half-typed-token"


class Box:
    """What Tmux wants of a sandbox: the environment for the session."""

    def environment(self, extra):
        return {**ENV, "PS1": PROMPT + " ", "LANG": "C.UTF-8", **extra}


def program_pid(session):
    """The pid of the program: a descendant of the pane's process (tmux may start the shell with sh -c)."""
    pending = [session.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip()]
    while pending:
        pid = pending.pop()
        try:
            if os.path.realpath(f"/proc/{pid}/exe") == os.path.realpath(TDB):
                return int(pid)
            pending += Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            pass
    return None


def interrupt(shell_command, how, status):
    """Runs add at the prompt in SHELL, types half a token, ends it HOW; checks the terminal after."""
    what = f"{shell_command.split()[0]}, {how}"
    session = Tmux(Box(), shell_command)
    try:
        if not check(session.wait_for(lambda s: PROMPT in s, 20)[1], f"{what}: the shell shows its prompt"):
            return
        session.keys(f"{shlex.quote(TDB)} add x", literal=True)
        session.keys("Enter")
        screen, asked = session.wait_for(lambda s: "Token for 'x' (input hidden):" in s, 20)
        if not check(asked, f"{what}: add asks for the token:\n{screen}"):
            return
        session.keys(HALF_TOKEN, literal=True)
        if how == "SIGTERM":
            pid = program_pid(session)
            if check(pid is not None, f"{what}: the program runs under the shell"):
                os.kill(pid, signal.SIGTERM)
        else:
            session.keys({"Ctrl-C": "C-c", "Ctrl-\\": "C-\\"}[how])
        screen, back = session.wait_for(lambda s: s.rstrip().endswith(PROMPT), 20)
        check(back, f"{what}: the shell's prompt is back:\n{screen}")
        session.keys(f'echo "status=$?"; stty -a | tr " ;" "\\n\\n" | grep -x -e echo -e -echo; {TYPED}', literal=True)
        session.keys("Enter")
        screen, done = session.wait_for(lambda s: "\nvisible-XYZ\n" in s, 20)
        lines = screen.splitlines()
        check(done, f"{what}: the next command runs:\n{screen}")
        check(f"status={status}" in lines, f"{what}: the exit status is {status}, killed by the signal:\n{screen}")
        check("echo" in lines and "-echo" not in lines, f"{what}: stty shows echo, not -echo:\n{screen}")
        check(any(TYPED in line and line.startswith(PROMPT) for line in lines), f"{what}: what is typed next is on the screen:\n{screen}")
        check(HALF_TOKEN not in screen, f"{what}: the half-typed token is thrown away, not run as a command:\n{screen}")
        check(not os.path.exists(PROFILES), f"{what}: nothing was saved")
    finally:
        session.close()


def suspend(shell_command):
    """Ctrl-Z at the prompt: echo on at the shell's prompt; after `fg` the input is hidden again."""
    what = f"{shell_command.split()[0]}, Ctrl-Z"
    session = Tmux(Box(), shell_command)
    try:
        if not check(session.wait_for(lambda s: PROMPT in s, 20)[1], f"{what}: the shell shows its prompt"):
            return
        session.keys(f"{shlex.quote(TDB)} add x", literal=True)
        session.keys("Enter")
        screen, asked = session.wait_for(lambda s: "Token for 'x' (input hidden):" in s, 20)
        if not check(asked, f"{what}: add asks for the token:\n{screen}"):
            return
        session.keys("C-z")
        screen, back = session.wait_for(lambda s: s.rstrip().endswith(PROMPT), 20)
        check(back, f"{what}: the shell's prompt is back:\n{screen}")
        session.keys('stty -a | tr " ;" "\\n\\n" | grep -x -e echo -e -echo; fg', literal=True)
        session.keys("Enter")
        # fg prints the job's command line below the stty output.
        screen, continued = session.wait_for(lambda s: "; fg\n" in s and s.rstrip().endswith(" add x"), 20)
        check(continued, f"{what}: fg continues the program:\n{screen}")
        check("echo" in screen.splitlines(), f"{what}: stty shows echo while the program is stopped:\n{screen}")
        time.sleep(0.3)  # the program sets echo off again as it continues
        session.keys("secret-typed-after-fg", literal=True)
        screen, shown = session.wait_for(lambda s: "secret-typed-after-fg" in s, 1)
        check(not shown, f"{what}: after fg the token is hidden again:\n{screen}")
        session.keys("C-c")
        screen, ended = session.wait_for(lambda s: s.rstrip().endswith(PROMPT), 20)
        check(ended, f"{what}: Ctrl-C after fg ends it:\n{screen}")
        check(not os.path.exists(PROFILES), f"{what}: nothing was saved")
    finally:
        session.close()


require_tool("tmux")
dash = require_tool("dash")
for how, status in [("Ctrl-C", 130), ("Ctrl-\\", 131), ("SIGTERM", 143)]:
    interrupt(f"{dash} -i", how, status)
# bash restores the terminal of a job that a signal killed, but not the line half typed into it.
bash = require_tool("bash")
interrupt(f"{bash} --noprofile --norc -i", "SIGTERM", 143)
for shell_command in (f"{dash} -i", f"{bash} --noprofile --norc -i"):
    suspend(shell_command)
finish()
