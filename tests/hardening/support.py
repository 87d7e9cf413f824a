"""Shared by the hardening suites: a private profiles file, the program run in it, and checks that
count (minted tokens and the skip-or-fail rule come from tests/testkit.py).

Each suite is run by CTest as: python3 SUITE.py PATH_TO_triplydb-profile
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import mint_token, private_env, skip_or_fail  # noqa: E402,F401

TDB = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit("usage: python3 SUITE.py PATH_TO_triplydb-profile")
WORK = tempfile.mkdtemp(prefix="triplydb-hardening.")
PROFILES = os.path.join(WORK, "config", "profiles.yaml")
ENV = private_env(Path(WORK), Path(PROFILES))
failures = []
checks = 0


def run(*args, stdin="", env=None, timeout=60, **kwargs):
    """Runs the program (or CMD when args start with a path), returns (status, stdout, stderr)."""
    argv = list(args) if args and os.path.sep in str(args[0]) else [TDB, *args]
    done = subprocess.run(argv, input=stdin, capture_output=True, text=True, env={**ENV, **(env or {})}, timeout=timeout, **kwargs)
    return done.returncode, done.stdout, done.stderr


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)
    return condition


def expect_equal(got, expected, what):
    return check(got == expected, f"{what}: got {got!r}, expected {expected!r}")


def write_profiles(text, mode=0o600):
    os.makedirs(os.path.dirname(PROFILES), mode=0o700, exist_ok=True)
    with open(PROFILES, "w") as f:
        f.write(text)
    os.chmod(PROFILES, mode)


def profile_yaml(profiles, default=None):
    """A profiles file: profiles is {name: (instance, token)}."""
    lines = ["version: 1"] + ([f"default: {default}"] if default else []) + ["profiles:"]
    for name, (instance, token) in profiles.items():
        lines += [f"  {name}:", f"    instance: {instance}", f"    token: {token}"]
    return "\n".join(lines) + "\n"


def require_tool(name):
    """The tool's path; a missing tool skips the suite locally (77) and fails it on CI."""
    path = shutil.which(name)
    if not path:
        shutil.rmtree(WORK, ignore_errors=True)
        skip_or_fail(f"{name} is not installed")
    return path


def finish(extra_failure=None):
    if extra_failure:
        check(False, extra_failure)
    shutil.rmtree(WORK, ignore_errors=True)
    name = os.path.basename(sys.argv[0]).removesuffix(".py")
    print(f"{name}: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
