"""exec --as PREFIX=NAME, checked through `exec ... -- env`: PREFIX_TOKEN, PREFIX_API and
PREFIX_ACCOUNT per prefix byte for byte (an account with quotes and $(...)), the plain variables
for a profile named without a prefix, and prefixes that would make a loader variable refused.
Usage: exec_as.py PATH_TO_triplydb-profile"""
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import Checks, mint_token, private_env  # noqa: E402

PROGRAM = str(Path(sys.argv[1]).resolve())
PROD = mint_token({"uid": "u1", "iss": "https://api.triplydb.com", "jti": "prod"})
ACC = mint_token({"uid": "u2", "iss": "https://api.acc.example", "jti": "acc"})
ACCOUNT = "it's \"acme\" $(touch pwned) `x` \\"


def child_env(env, *args):
    result = subprocess.run([PROGRAM, "exec", *args, "--", "env", "-0"], env=env, capture_output=True, timeout=60)
    pairs = [entry.decode().split("=", 1) for entry in result.stdout.split(b"\0") if entry]
    return result.returncode, {k: v for k, v in pairs if "INSTANCE" in k or k.startswith(("P_", "TRIPLYDB_")) and k != "TRIPLYDB_PROFILES"}, \
        result.stderr.decode()


def main():
    checks = Checks("exec_as")
    with tempfile.TemporaryDirectory(prefix="triplydb-exec-as-") as tmp:
        root = Path(tmp)
        profiles = root / "profiles.yaml"
        escaped = ACCOUNT.replace("\\", "\\\\").replace('"', '\\"')
        profiles.write_text(f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: {PROD}\n"
                            f"    account: \"{escaped}\"\n  acc:\n    instance: https://api.acc.example\n    token: {ACC}\n")
        profiles.chmod(0o600)
        env = private_env(root, profiles)
        code, got, _ = child_env(env, "--as", "PRODUCTION_INSTANCE=prod", "--as", "ACCEPTANCE_INSTANCE=acc")
        checks.equal((code, got), (0, {"PRODUCTION_INSTANCE_TOKEN": PROD, "PRODUCTION_INSTANCE_API": "https://api.triplydb.com",
                                       "PRODUCTION_INSTANCE_ACCOUNT": ACCOUNT, "ACCEPTANCE_INSTANCE_TOKEN": ACC,
                                       "ACCEPTANCE_INSTANCE_API": "https://api.acc.example"}), "two prefixes, two instances")
        code, got, _ = child_env(env, "acc", "--as", "P=prod")
        checks.equal((code, got), (0, {"TRIPLYDB_TOKEN": ACC, "TRIPLYDB_API": "https://api.acc.example", "TRIPLYDB_PROFILE": "acc",
                                       "P_TOKEN": PROD, "P_API": "https://api.triplydb.com", "P_ACCOUNT": ACCOUNT}),
                     "a profile without a prefix sets the plain variables")
        code, got, _ = child_env(env, "--as", "acc")
        checks.equal(got.get("TRIPLYDB_PROFILE"), "acc", "--as NAME alone sets the plain variables")
        for prefix in ("LD", "TRIPLYDB", "1X", "DYLD"):
            code, got, err = child_env(env, "--as", f"{prefix}=prod")
            checks.expect(code == 2 and f"exec: --as {prefix}=prod: the prefix '{prefix}' cannot be used" in err,
                          f"the prefix {prefix} is refused", err)
        code, got, err = child_env(env, "--as", "P=nope")
        checks.expect(code == 1 and "unknown profile 'nope'" in err, "an unknown profile fails", err)
        checks.expect(not list(root.rglob("pwned")), "nothing ran as code")
    checks.finish()


if __name__ == "__main__":
    main()
