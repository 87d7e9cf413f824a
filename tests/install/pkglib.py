"""Shared by the packaging tests (tests/install, tests/schema): skipping, tokens, running the
program with a private profiles file, and a tally of checks that reports what differed."""
import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77  # CTest's SKIP_RETURN_CODE for these tests
SOURCE_DIR = Path(__file__).resolve().parents[2]


def on_ci():
    return os.environ.get("CI") == "true"


def skip_or_fail(reason):
    """A missing tool skips the test locally and fails it on CI."""
    print(("FAIL (CI=true): " if on_ci() else "SKIP: ") + reason)
    sys.exit(1 if on_ci() else SKIP)


def require_tool(name):
    path = shutil.which(name)
    if not path:
        skip_or_fail(f"'{name}' is not on PATH")
    return path


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_token(payload):
    """An unsigned JWT shaped like a TriplyDB token; nothing checks the signature."""
    header = b64url(b'{"alg":"HS256","typ":"JWT"}')
    return f"{header}.{b64url(json.dumps(payload).encode())}.{b64url(b'signature')}"


def private_env(work: Path, profiles: Path):
    """The environment for one run: a private HOME and profiles file, no active profile."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIPLYDB_")}
    env.update(HOME=str(work / "home"), XDG_CONFIG_HOME=str(work / "xdg"), TRIPLYDB_PROFILES=str(profiles))
    return env


def run(argv, env, stdin=""):
    return subprocess.run(argv, input=stdin, env=env, capture_output=True, text=True, timeout=60)


class Checks:
    """Counts checks; each failure is printed with what was expected and what came."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def expect(self, condition, label, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {label}" + (f"\n      {detail}" if detail else ""))
        return condition

    def equal(self, got, want, label):
        return self.expect(got == want, label, f"got {got!r}, expected {want!r}")

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed or not self.passed else 0)
