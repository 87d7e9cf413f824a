"""Two writers, 200 operations each (add, rename, default, remove), against one file at the same
time, with a reader listing throughout: every command succeeds, every read parses, and the file
ends with exactly the profiles the two scripts of operations leave."""
import os
import threading
import time

from support import *

OPERATIONS = 200
token = mint_token({"uid": "u1", "iss": "https://api.triplydb.com"})
keep = {f"keep-{w}-{k}": ("https://api.triplydb.com", token) for w in "ab" for k in (0, 1)}
write_profiles(profile_yaml(keep))


def script(writer):
    """The writer's operations. Cycle c adds w-c and renames it to w-c-r; even cycles rename it
    once more to w-c-s, odd cycles remove the previous cycle's w-(c-1)-s. Defaults point at
    profiles that are never removed."""
    ops = []
    for c in range(OPERATIONS // 4):
        name = f"{writer}-{c}"
        ops.append(("add", name, "--no-verify"))
        ops.append(("rename", name, f"{name}-r"))
        ops.append(("default", f"keep-{writer}-{c % 2}"))
        ops.append(("rename", f"{name}-r", f"{name}-s") if c % 2 == 0 else ("remove", f"{writer}-{c - 1}-s"))
    return ops


def expected_names(writer):
    return {f"{writer}-{c}-r" for c in range(OPERATIONS // 4) if c % 2 == 1}


errors = {"a": [], "b": []}
reads = {"runs": 0, "bad": []}
done = threading.Event()


def writer(w):
    for op in script(w):
        status, out, err = run(*op, stdin=token + "\n")
        if status != 0 or err:
            errors[w].append(f"{' '.join(op)}: status {status}: {err.strip()}")


def reader():
    while not done.is_set():
        status, out, err = run("list", "--names")
        reads["runs"] += 1
        if status != 0 or err:
            reads["bad"].append(err.strip())


started = time.monotonic()
threads = [threading.Thread(target=writer, args=(w,)) for w in "ab"]
watcher = threading.Thread(target=reader)
watcher.start()
for t in threads:
    t.start()
for t in threads:
    t.join()
done.set()
watcher.join()
elapsed = time.monotonic() - started

for w in "ab":
    expect_equal(errors[w], [], f"writer {w}: every operation succeeds")
expect_equal(reads["bad"], [], f"every one of {reads['runs']} concurrent reads parses")
status, out, err = run("list", "--names")
expect_equal(status, 0, "the file parses afterwards")
expect_equal(sorted(out.split()), sorted(set(keep) | expected_names("a") | expected_names("b")), "exactly the expected profiles")
status, out, err = run("default")
check(out.strip() in ("keep-a-1", "keep-b-1"), f"the default is the last one a writer set: {out.strip()!r}")
expect_equal(oct(os.stat(PROFILES).st_mode & 0o7777), "0o600", "the file stays 0600")
expect_equal(sorted(n for n in os.listdir(os.path.dirname(PROFILES)) if not n.endswith(".cache")), ["profiles.yaml", "profiles.yaml.lock"], "no temporary files left")
print(f"RESULT writers=2 operations={2 * OPERATIONS} concurrent_reads={reads['runs']} seconds={elapsed:.1f}")
finish()
