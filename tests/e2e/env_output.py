"""env NAME --shell dotenv --output .env: the file holds exactly what env prints, has mode 0600
(also when it existed with another mode), and a warning says when git would commit it.
Usage: env_output.py PATH_TO_triplydb-profile"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import Checks, mint_token, private_env, skip_or_fail  # noqa: E402

PROGRAM = str(Path(sys.argv[1]).resolve())
TOKEN = mint_token({"uid": "u1", "iss": "https://api.triplydb.com"})


def run(folder, env, *args):
    return subprocess.run([PROGRAM, *args], cwd=folder, env=env, capture_output=True, text=True, timeout=60)


def main():
    if not shutil.which("git"):
        skip_or_fail("git is not installed")
    checks = Checks("env_output")
    with tempfile.TemporaryDirectory(prefix="triplydb-env-output-") as tmp:
        root = Path(tmp).resolve()
        profiles = root / "profiles.yaml"
        profiles.write_text(f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: {TOKEN}\n"
                            "    account: \"it's $(x)\"\n")
        profiles.chmod(0o600)
        env = private_env(root, profiles)
        expected = run(root, env, "env", "prod", "--shell", "dotenv").stdout

        repo = root / "etl"
        repo.mkdir()
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        (repo / ".env").write_text("OLD=1\n")
        (repo / ".env").chmod(0o644)
        result = run(repo, env, "env", "prod", "--shell", "dotenv", "--output", ".env")
        checks.equal(result.returncode, 0, "env --output succeeds")
        checks.equal((repo / ".env").read_text(), expected, "the file holds exactly what env prints")
        checks.equal(stat.S_IMODE(os.stat(repo / ".env").st_mode), 0o600, "the file is 0600, though it was 0644")
        checks.equal(result.stdout, f"Wrote {repo}/.env (only you can read it).\n", "it says where it wrote")
        checks.equal(result.stderr, f"triplydb-profile: warning: {repo}/.env holds a token and git does not ignore it; add '.env' to "
                                    f"{repo}/.gitignore\n", "a warning when git would commit it")

        (repo / ".gitignore").write_text(".env\n")
        result = run(repo, env, "env", "prod", "--shell", "dotenv", "--output", ".env")
        checks.equal((result.returncode, result.stderr), (0, ""), "no warning once git ignores it")

        plain = root / "plain"
        plain.mkdir()
        result = run(plain, env, "env", "prod", "--shell", "dotenv", "--output", ".env")
        checks.equal((result.returncode, result.stderr), (0, ""), "no warning outside a git work tree")
    checks.finish()


if __name__ == "__main__":
    main()
