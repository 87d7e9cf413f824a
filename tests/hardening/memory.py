"""The memory of a process that holds a token stays its own: the program and its network helper
are not dumpable (no core file, and another process of the same non-root user can read neither
/proc/PID/environ nor /proc/PID/mem) and their core file limit is 0. Looked at while whoami waits on
a slow instance; as root, everything runs as a throw-away user."""
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

from support import *

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "net"))
import netlib  # noqa: E402  (the fake instance)

# Tries to open each path and says how it went: "opened" or the errno's name.
READER = """import errno, sys
for path in sys.argv[1:]:
    try:
        open(path, "rb").close()
        print("opened")
    except OSError as e:
        print(errno.errorcode[e.errno])
"""


def non_root_user():
    """(uid, gid, cleanup): ourselves, or as root a user made for this run (else nobody)."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid(), lambda: None
    name = f"tdb-test-{os.getpid()}"
    made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], capture_output=True)
    if made.returncode != 0:
        name = "nobody"
    entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid, (lambda: subprocess.run(["userdel", name], capture_output=True)) if made.returncode == 0 else (lambda: None)


uid, gid, remove_user = non_root_user()
setpriv = require_tool("setpriv") if os.geteuid() == 0 else None


# The user may not reach the build tree (a checkout under /root) or this Python (pyenv): copies of
# the program and its helper, found beside it, in the user's own folder, and the system's Python.
PROGRAM, PYTHON = TDB, shutil.which("python3", path="/usr/bin:/bin") or sys.executable
if setpriv:
    os.makedirs(os.path.join(WORK, "bin"))
    for name in (os.path.basename(TDB), "triplydb-profile-http"):
        shutil.copy2(os.path.join(os.path.dirname(TDB), name), os.path.join(WORK, "bin", name))
    PROGRAM = os.path.join(WORK, "bin", os.path.basename(TDB))


def as_user(argv):
    return [setpriv, f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--", *argv] if setpriv else argv


def read_as_user(paths):
    done = subprocess.run(as_user([PYTHON, "-c", READER, *paths]), capture_output=True, text=True, timeout=30)
    return done.stdout.split()


def core_limit(pid):
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return line.split()[4:6]
    return None


def helper_child(pid, deadline):
    """The pid of the network helper once the program has started it (its child, after exec)."""
    while time.monotonic() < deadline:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                try:
                    if os.readlink(f"/proc/{child}/exe").endswith("/triplydb-profile-http"):
                        return int(child)
                except OSError:
                    pass
        time.sleep(0.01)
    return None


def check_private(what, pid):
    status = Path(f"/proc/{pid}/status").read_text()
    real_uid = next(line.split()[1] for line in status.splitlines() if line.startswith("Uid:"))
    expect_equal(real_uid, str(uid), f"{what} runs as the non-root user")
    expect_equal(os.stat(f"/proc/{pid}/environ").st_uid, 0, f"{what} is not dumpable: /proc/PID/environ belongs to root")
    expect_equal(read_as_user([f"/proc/{pid}/environ", f"/proc/{pid}/mem"]), ["EACCES", "EACCES"],
                 f"{what}: the same user cannot open /proc/PID/environ and /proc/PID/mem")
    expect_equal(core_limit(pid), ["0", "0"], f"{what}: Max core file size")


try:
    work = Path(WORK)
    with netlib.Server(work, "--delay", "3", lifetime=60) as server:
        write_profiles(profile_yaml({"prod": (server.url, netlib.make_token(server.url))}))
        for directory, _, files in os.walk(WORK):  # the user's own profiles file and programs
            os.chown(directory, uid, gid)
            for name in files:
                os.chown(os.path.join(directory, name), uid, gid)

        # The reader can read the environment of a process of its user that is dumpable.
        control = subprocess.Popen(as_user(["sleep", "30.777"]))
        time.sleep(0.2)
        expect_equal(read_as_user([f"/proc/{control.pid}/environ"]), ["opened"], "a dumpable process's environ is readable")
        control.kill()
        control.wait()

        program = subprocess.Popen(as_user([PROGRAM, "whoami", "prod"]), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while not server.requests() and time.monotonic() < deadline:  # the helper has run its main()
            time.sleep(0.01)
        helper = helper_child(program.pid, deadline)
        if check(helper is not None, "whoami starts the network helper"):
            check_private("triplydb-profile", program.pid)
            check_private("triplydb-profile-http", helper)
        out, err = program.communicate(timeout=60)
        expect_equal((program.returncode, err), (0, ""), "whoami succeeds while not dumpable")
        check("account   acme-bot" in out, f"whoami prints the account: {out!r}")
finally:
    remove_user()
finish()
