"""A FIFO, a device or a socket at the profiles path: every command that reads the file, init
included, ends within a second with a message naming what is there. init still prints the
shell integration (a broken file must not cost the user the function) but activates nothing."""
import os
import socket
import time

from support import *

token = mint_token({"uid": "u1", "iss": "https://api.triplydb.com"})
folder = os.path.join(WORK, "special")
os.makedirs(folder, mode=0o700)
fifo = os.path.join(folder, "fifo.yaml")
os.mkfifo(fifo, 0o600)
sock_path = os.path.join(folder, "socket.yaml")
listener = socket.socket(socket.AF_UNIX)
listener.bind(sock_path)
listener.listen(1)

commands = [("list",), ("list", "--names"), ("show", "prod"), ("env", "prod", "--shell", "bash"), ("token", "prod"), ("default",),
            ("default", "prod"), ("remove", "prod"), ("rename", "prod", "other"), ("exec", "prod", "--", "true"),
            ("whoami", "prod"), ("add", "prod", "--no-verify"), ("doctor",)]
cases = [(fifo, "a FIFO"), ("/dev/zero", "a device"), (sock_path, "a socket")]
for path, kind in cases:
    message = f"{path} is {kind}, not a profiles file; remove it or point TRIPLYDB_PROFILES elsewhere"
    env = {"TRIPLYDB_PROFILES": path}
    for command in commands + [("current",)]:
        extra = {"TRIPLYDB_PROFILE": "prod", "TRIPLYDB_TOKEN": token} if command == ("current",) else {}
        began = time.monotonic()
        status, out, err = run(*command, stdin=token + "\n", env={**env, **extra})
        took = time.monotonic() - began
        what = f"{' '.join(command)} with {kind} at the profiles path"
        check(took < 1, f"{what}: took {took:.2f} s")
        shown = out if command == ("doctor",) else err  # doctor reports on standard output, as a fail line
        check(status == 1 and message in shown, f"{what}: exit 1 and the message ({status}, {shown!r})")
    began = time.monotonic()
    status, out, err = run("init", "bash", env=env)
    took = time.monotonic() - began
    check(took < 1, f"init bash with {kind}: took {took:.2f} s")
    expect_equal(err, f"triplydb-profile: the default profile was not activated: {message}\n", f"init bash with {kind}: the message")
    check(status == 0 and "triplydb()" in out and "export TRIPLYDB_TOKEN" not in out,
          f"init bash with {kind}: the function, and nothing activated")
check(not os.path.exists("/dev/zero.lock"), "no lock file is made beside a device")
listener.close()
finish()
