"""The pick list reads its answer where a shell leaves SIGTTIN and SIGTTOU ignored (nushell) and
the terminal is not the program's yet: handed over late, it waits; left to a group with no process
in it (nushell does that when it starts a program just as the one before is reaped), it takes the
terminal; held by a live group that never hands it over, it says so and fails, rather than take
the missing answer for "nothing chosen". Each case runs in a terminal of its own (a pty), with the
chosen name on a pipe, as `^triplydb-profile pick | str trim` has it in nushell."""
import fcntl
import os
import select
import signal
import termios
import time

from support import *

ASKED = b"Profile number (1 to 2; q or Enter: leave unchanged): "


def read_available(fds, timeout):
    """What FDS have to read within TIMEOUT seconds: {fd: bytes}, b"" at the end of input."""
    got = {}
    for fd in select.select(fds, [], [], timeout)[0]:
        try:
            got[fd] = os.read(fd, 4096)
        except OSError:  # EIO on the pty once nothing holds it open
            got[fd] = b""
    return got


def run_shell(before_pick):
    """In a new session on a pty: SIGTTIN and SIGTTOU ignored, BEFORE_PICK(), then `pick`. Types 2
    once asked. Returns (exit status, what reached the pipe, the terminal's text, seconds taken)."""
    master, slave = os.openpty()
    chosen_r, chosen_w = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.close(chosen_r)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            os.dup2(slave, 0)
            os.dup2(chosen_w, 1)
            os.dup2(slave, 2)
            signal.signal(signal.SIGTTIN, signal.SIG_IGN)
            signal.signal(signal.SIGTTOU, signal.SIG_IGN)
            before_pick()
            os.execve(TDB, [TDB, "pick"], ENV)
        finally:
            os._exit(127)
    os.close(slave)
    os.close(chosen_w)
    output = {master: b"", chosen_r: b""}
    typed, status = False, None
    while status is None:
        for fd, data in read_available([master, chosen_r], 0.1).items():
            output[fd] += data
        if not typed and ASKED in output[master]:
            os.write(master, b"2\n")
            typed = True
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(wait_status)
        elif time.monotonic() > started + 30:
            os.kill(pid, signal.SIGKILL)
    seconds = time.monotonic() - started
    open_fds = [master, chosen_r]
    while open_fds:  # what it wrote just before it ended
        got = read_available(open_fds, 0.2)
        if not got:
            break
        for fd, data in got.items():
            output[fd] += data
            if not data:
                open_fds.remove(fd)
    os.close(master)
    os.close(chosen_r)
    return status, output[chosen_r].decode(), output[master].decode(errors="replace"), seconds


def other_group_takes_terminal(then):
    """A child in a group of its own takes the terminal, tells us, then does THEN(pgrp of ours)."""
    told_r, told_w = os.pipe()
    ours = os.getpgrp()
    child = os.fork()
    if child == 0:
        os.setpgid(0, 0)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the pipe of the chosen name ends with the program
        os.tcsetpgrp(0, os.getpgrp())
        os.write(told_w, b"x")
        then(ours)
        os._exit(0)
    os.read(told_r, 1)
    return child


def empty_group():
    """The terminal left to a group whose only process has ended and been reaped."""
    child = other_group_takes_terminal(lambda ours: None)
    os.waitpid(child, 0)


def late_handover():
    """The terminal given to our group 0.5 s after the program starts."""
    other_group_takes_terminal(lambda ours: (time.sleep(0.5), os.tcsetpgrp(0, ours)))


def held_terminal():
    """The terminal held by a live group for longer than the program waits."""
    other_group_takes_terminal(lambda ours: time.sleep(6))


write_profiles(profile_yaml({"prod": ("https://api.triplydb.com", mint_token({"uid": "p"})),
                             "staging": ("https://api.triplydb.com", mint_token({"uid": "s"}))}))

status, chosen, screen, _ = run_shell(lambda: None)
check(status == 0 and chosen == "staging\n", f"the terminal is ours from the start: 2 picks staging (status {status}, {chosen!r}):\n{screen}")

status, chosen, screen, seconds = run_shell(late_handover)
check(status == 0 and chosen == "staging\n", f"a terminal handed over late: pick waits for it (status {status}, {chosen!r}):\n{screen}")
check(seconds >= 0.5, f"a terminal handed over late: the answer is read after the handover ({seconds:.2f} s)")
print(f"handed over late: picked after {seconds:.2f} s")

status, chosen, screen, seconds = run_shell(empty_group)
check(status == 0 and chosen == "staging\n", f"a terminal left to an empty group: pick takes it (status {status}, {chosen!r}):\n{screen}")
check(seconds < 1.5, f"a terminal left to an empty group: taken at once, not after the wait ({seconds:.2f} s)")
print(f"left to an empty group: picked after {seconds:.2f} s")

status, chosen, screen, seconds = run_shell(held_terminal)
print(f"held by a live group: failed after {seconds:.2f} s")
check(status == 1 and chosen == "", f"a terminal held by another group: pick fails and picks nothing (status {status}, {chosen!r}):\n{screen}")
check("cannot read the profile number: another process group holds the terminal" in screen,
      f"a terminal held by another group: pick says why:\n{screen}")
check("No profile chosen" not in screen, f"a terminal held by another group: not taken for an empty answer:\n{screen}")

finish()
