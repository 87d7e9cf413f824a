"""What every Python suite shares: minted tokens, the skip-or-fail rule for missing tools, a private
environment for the program, and a tally of checks that reports what differed.

The suites' own helpers (tests/hardening/support.py, tests/net/netlib.py, tests/shells/harness.py)
build on this module; a suite elsewhere imports it after putting tests/ on sys.path.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77  # CTest's SKIP_RETURN_CODE for these suites
SOURCE_DIR = Path(__file__).resolve().parents[1]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_token(claims, signature=b"signature-for-tests"):
    """A JWT shaped like a TriplyDB token, with these claims; nothing checks its signature."""
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(claims).encode())}.{b64url(signature)}"


def claims_of(jwt):
    """The payload of a JWT as a dict, or None when it is not one."""
    try:
        payload = jwt.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None
    return claims if isinstance(claims, dict) else None


def on_ci():
    return os.environ.get("CI") == "true"


def skip_or_fail(reason):
    """A missing tool skips the suite locally and fails it on CI, where every tool must be there."""
    print(("FAIL (CI=true): " if on_ci() else "SKIP: ") + reason, file=sys.stderr)
    sys.exit(1 if on_ci() else SKIP)


def require_tool(name):
    path = shutil.which(name)
    if not path:
        skip_or_fail(f"'{name}' is not on PATH")
    return path


def private_env(work: Path, profiles: Path):
    """The environment for one run: a private HOME and profiles file, no active profile."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIPLYDB_") and k != "NO_COLOR"}
    env.update(HOME=str(work / "home"), XDG_CONFIG_HOME=str(work / "xdg"), XDG_CACHE_HOME=str(work / "cache"),
               XDG_RUNTIME_DIR=str(work / "run"), TRIPLYDB_PROFILES=str(profiles))
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
            print(f"FAIL: {label}" + (f"\n      {detail}" if detail else ""), file=sys.stderr)
        return condition

    def equal(self, got, want, label):
        return self.expect(got == want, label, f"got {got!r}, expected {want!r}")

    def finish(self):
        """Exits: 0 when every check passed (and there was one), 1 otherwise."""
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed or not self.passed else 0)
