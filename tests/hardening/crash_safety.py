"""Writers killed with SIGKILL at random moments, KILLS times: after each kill the file is byte for
byte the old or the new version, parses, and is 0600; at most the one abandoned temporary file of
the last kill is present, and the next writer removes it."""
import glob
import os
import random
import shutil
import signal
import statistics
import subprocess
import time

from support import *

KILLS = int(os.environ.get("TRIPLYDB_CRASH_KILLS", "200"))
rng = random.Random(int(os.environ.get("TRIPLYDB_CRASH_SEED", "20261128")))
token = mint_token({"uid": "u1", "iss": "https://api.triplydb.com", "jti": "x" * 40})
# A file of about 20 KB, so that writing and syncing it takes long enough to be interrupted.
write_profiles(profile_yaml({f"base-{i}": ("https://api.triplydb.com", token) for i in range(80)}))
folder = os.path.dirname(PROFILES)
scratch = os.path.join(WORK, "scratch", "profiles.yaml")
os.makedirs(os.path.dirname(scratch), mode=0o700)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def operation(i, names):
    if names and rng.random() < 0.5:
        return ("remove", rng.choice(sorted(names)))
    return ("add", f"crash-{i}", "--no-verify")


def start(op, profiles):
    return subprocess.Popen([TDB, *op], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**ENV, "TRIPLYDB_PROFILES": profiles})


# How long one write takes here, so that kills are spread over its whole life.
durations = []
for i in range(5):
    shutil.copyfile(PROFILES, scratch)
    began = time.monotonic()
    p = start(("add", f"timing-{i}", "--no-verify"), scratch)
    p.communicate((token + "\n").encode())
    durations.append(time.monotonic() - began)
typical = statistics.median(durations)

names = set()
outcomes = {"old": 0, "new": 0}
finished_before_kill = 0
started = time.monotonic()
for i in range(KILLS):
    op = operation(i, names)
    old = read(PROFILES)
    shutil.copyfile(PROFILES, scratch)
    p = start(op, scratch)
    p.communicate((token + "\n").encode())
    new = read(scratch)

    p = start(op, PROFILES)
    try:
        p.stdin.write((token + "\n").encode())
        p.stdin.close()
    except BrokenPipeError:  # remove, rename and default read no input and may be done already
        pass
    time.sleep(rng.uniform(0, typical * 1.3))
    if p.poll() is not None:
        finished_before_kill += 1
    p.send_signal(signal.SIGKILL)
    p.wait()

    now = read(PROFILES)
    if not check(now in (old, new), f"kill {i} ({' '.join(op)}): the file is neither the old nor the new version"):
        break
    outcomes["old" if now == old and old != new else "new"] += 1
    if now == new and now != old:
        if op[0] == "add":
            names.add(op[1])
        else:
            names.discard(op[1])
    mode = os.stat(PROFILES).st_mode & 0o7777
    check(mode == 0o600, f"kill {i}: mode {oct(mode)}")
    leftovers = glob.glob(os.path.join(folder, ".profiles.yaml.*"))
    check(len(leftovers) <= 1, f"kill {i}: temporary files pile up: {leftovers}")
    if i % 10 == 0 or i == KILLS - 1:
        status, out, err = run("list", "--names")
        check(status == 0 and not err, f"kill {i}: the file does not parse: {err}")
        expect_equal(set(out.split()) - {f"base-{n}" for n in range(80)}, names, f"kill {i}: the profiles")
elapsed = time.monotonic() - started

status, out, err = run("default", "base-0")
expect_equal(status, 0, "a write after the last kill")
expect_equal(sorted(n for n in os.listdir(folder) if not n.endswith(".cache")), ["profiles.yaml", "profiles.yaml.lock"], "the next writer removes abandoned temporary files")
print(f"RESULT kills={KILLS} old={outcomes['old']} new={outcomes['new']} finished_before_kill={finished_before_kill} "
      f"typical_write_ms={typical * 1000:.0f} seconds={elapsed:.1f}")
finish()
