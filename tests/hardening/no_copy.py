"""A removed token leaves no copy on disk: after add, a snapshot, a reader killed between writing
its snapshot and renaming it (strace stops it there with SIGKILL), and remove, no run of 5 of the
token's characters is anywhere under the test's home, config, cache and runtime folders."""
import glob
import os
import subprocess
import time

from support import *

strace = require_tool("strace")
secret = mint_token({"uid": "no-copy", "iss": "https://api.triplydb.com", "jti": "Nc4rT8vW2qL6"}, signature=os.urandom(48))
runs_of_five = {secret[i:i + 5] for i in range(len(secret) - 4)}
roots = [WORK]  # holds HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR and the profiles file
snapshots = os.path.join(ENV["XDG_RUNTIME_DIR"], "triplydb")


def files_holding_the_token():
    found = []
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                with open(path, "rb") as f:
                    text = f.read().decode("latin-1")
                if any(text[i:i + 5] in runs_of_five for i in range(len(text) - 4)):
                    found.append(os.path.relpath(path, WORK))
    return sorted(found)


def settle():
    time.sleep(3.1)  # snapshots are taken of files that have not changed for 2 seconds


status, _, err = run("add", "prod", "--no-verify", stdin=secret + "\n")
expect_equal((status, err), (0, ""), "add")
settle()
expect_equal(run("list", "--names")[:2], (0, "prod\n"), "list takes a snapshot")
check(glob.glob(os.path.join(snapshots, "profiles-*.snapshot")), f"a snapshot was written in {snapshots}")
check(files_holding_the_token(), "the search finds the token while it is stored (in the file and the snapshot)")

# A reader killed just before it renames its snapshot in: the file changed, so it writes anew.
os.utime(PROFILES)
settle()
done = subprocess.run([strace, "-f", "-qq", "-o", os.devnull, "-e", "trace=rename,renameat,renameat2",
                       "-e", "inject=rename,renameat,renameat2:signal=SIGKILL", TDB, "list", "--names"],
                      capture_output=True, text=True, env=ENV, timeout=60)
temporaries = glob.glob(os.path.join(snapshots, ".profiles-*.snapshot.*"))
check(len(temporaries) == 1, f"the killed reader left its temporary snapshot behind: {temporaries} ({done.returncode}, {done.stderr!r})")

status, _, err = run("remove", "prod")
expect_equal((status, err), (0, ""), "remove")
expect_equal(files_holding_the_token(), [], "after remove, files holding a run of 5 of the token's characters")
expect_equal(run("list", "--names")[:2], (0, ""), "no profile is left")
finish()
