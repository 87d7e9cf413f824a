"""Shared by the hardening suites: a private profiles file, minted tokens, and checks that count.

Each suite is run by CTest as: python3 SUITE.py PATH_TO_triplydb-profile
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

TDB = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit("usage: python3 SUITE.py PATH_TO_triplydb-profile")
WORK = tempfile.mkdtemp(prefix="triplydb-hardening.")
PROFILES = os.path.join(WORK, "config", "profiles.yaml")
ENV = {k: v for k, v in os.environ.items() if not k.startswith("TRIPLYDB_") and k != "NO_COLOR"}
ENV.update(TRIPLYDB_PROFILES=PROFILES, HOME=os.path.join(WORK, "home"), XDG_CONFIG_HOME=os.path.join(WORK, "xdg"),
           XDG_CACHE_HOME=os.path.join(WORK, "cache"), XDG_RUNTIME_DIR=os.path.join(WORK, "run"))
failures = []
checks = 0


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def mint_token(payload, signature=b"signature-for-tests"):
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(payload).encode())}.{b64url(signature)}"


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
    if path:
        return path
    if os.environ.get("CI") == "true":
        finish(extra_failure=f"{name} is not installed, and CI must run this suite")
    print(f"SKIP: {name} is not installed", file=sys.stderr)
    shutil.rmtree(WORK, ignore_errors=True)
    sys.exit(77)


def finish(extra_failure=None):
    if extra_failure:
        check(False, extra_failure)
    shutil.rmtree(WORK, ignore_errors=True)
    name = os.path.basename(sys.argv[0]).removesuffix(".py")
    print(f"{name}: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
