"""Helpers for the network tests: the fake instance, a test CA, tokens, and running the program."""
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER = HERE / "server.py"
sys.path.insert(0, str(HERE.parent))
from testkit import mint_token  # noqa: E402


def make_token(iss, uid="u1", exp_in=3600, jti="j-1"):
    """A token of this instance (`iss`) that expires EXP_IN seconds from now."""
    now = int(time.time())
    return mint_token({"uid": uid, "iss": iss, "iat": now, "exp": now + exp_in, "jti": jti},
                      b"signature-not-checked-" + jti.encode())


def make_ca(directory: Path):
    """A CA and a server certificate for 127.0.0.1 and localhost, made with openssl."""
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=directory)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
            "-keyout", "ca.key", "-out", "ca.pem")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "server.key", "-out", "server.csr")
    (directory / "san.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "2", "-extfile", "san.cnf", "-out", "server.pem")
    return directory / "ca.pem", directory / "server.pem", directory / "server.key"


class Server:
    """The fake instance as a context manager: start, read the port, stop."""

    def __init__(self, directory: Path, *args, lifetime=60, tls=None):
        self.record_file = directory / f"requests-{id(self)}.jsonl"
        command = [sys.executable, str(SERVER), "--record", str(self.record_file),
                   "--lifetime", str(lifetime), *args]
        if tls:
            command += ["--cert", str(tls[0]), "--key", str(tls[1])]
        self.scheme = "https" if tls else "http"
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.strip().isdigit():
            self.process.kill()
            raise RuntimeError("the test server did not start")
        self.port = int(line)
        self.url = f"{self.scheme}://127.0.0.1:{self.port}"

    def requests(self):
        if not self.record_file.exists():
            return []
        return [json.loads(line) for line in self.record_file.read_text().splitlines()]

    def stop(self):
        self.process.kill()
        self.process.wait()
        self.process.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def header(request, name):
    """A recorded request's header, looked up case-insensitively."""
    for key, value in request["headers"].items():
        if key.lower() == name.lower():
            return value
    return None


def clean_environment(home: Path, **extra):
    """An environment that cannot reach the real profiles, a proxy or a user's CA settings."""
    env = {key: value for key, value in os.environ.items()
           if not key.upper().endswith("_PROXY") and not key.startswith("TRIPLYDB_")
           and key not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               TRIPLYDB_PROFILES=str(home / "profiles.yaml"), NO_COLOR="1")
    env.update(extra)
    return env


@contextlib.contextmanager
def temporary_home():
    with tempfile.TemporaryDirectory(prefix="tdb-net-") as name:
        yield Path(name)


def write_profiles(path: Path, profiles: dict, default=None):
    """A profiles file as a person would write it (see SPEC.md); values are plain YAML scalars."""
    lines = ["version: 1"] + ([f"default: {default}"] if default else []) + ["profiles:"]
    for name, fields in profiles.items():
        lines.append(f"  {name}:")
        lines += [f"    {key}: {value}" for key, value in fields.items()]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)


class ProgramTest:
    """Mixin for unittest.TestCase: a temporary home, servers that stop with the test, and run()."""
    program = None  # set by main() from the command line

    def setUp(self):
        self.home_context = temporary_home()
        self.home = self.home_context.__enter__()
        self.addCleanup(self.home_context.__exit__, None, None, None)
        self.profiles = self.home / "profiles.yaml"

    def server(self, *args, **kwargs):
        server = Server(self.home, *args, **kwargs)
        self.addCleanup(server.stop)
        return server

    def run_program(self, *args, input=None, timeout=30, **env):
        return subprocess.run([self.program, *args], input=input, capture_output=True, text=True,
                              timeout=timeout, env=clean_environment(self.home, **env))


def main(test_module_globals):
    """Usage: SCRIPT PROGRAM [unittest arguments]."""
    import unittest
    ProgramTest.program = str(Path(sys.argv.pop(1)).resolve())
    unittest.main(module=test_module_globals["__name__"])
