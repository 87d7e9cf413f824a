#!/usr/bin/env python3
"""libcurl loads only in the network helper, and only the network commands start the helper; libsecret
only in the keyring helper, which only a keyring profile's commands start: what a shell runs on
every switch and every TAB never pays for either. A release build of the program is one static file
that the dynamic loader never sees.

Usage: test_libs.py PROGRAM [unittest arguments]; TRIPLYDB_EXPECT_STATIC=1 for a static build.
"""
import os
import shutil
import subprocess
import unittest

import netlib
from netlib import make_token, write_profiles

OFFLINE_COMMANDS = (
    ("init", "bash"), ("init", "zsh"), ("init", "fish"), ("init", "pwsh"), ("init", "bash", "--functions"),
    ("env", "prod", "--shell", "bash"), ("env", "--unset", "--shell", "fish"),
    ("current",), ("list",), ("list", "--names"), ("token", "prod"),
    ("exec", "prod", "--", "true"), ("completion", "bash"), ("completion", "zsh"),
    ("show", "prod"), ("default",), ("doctor",), ("--version",),
)
# Records each start, then fails the way a broken helper would.
STAND_IN = '#!/bin/sh\nenv >>"$HELPER_STARTS"\nexit 3\n'
KEYRING_STAND_IN = '#!/bin/sh\nenv >>"$KEYRING_STARTS"\nexit 3\n'


def loaded_libraries(trace: str):
    """The libraries the loader opened, from LD_DEBUG=libs output."""
    return sorted({line.split("calling init: ", 1)[1].strip() for line in trace.splitlines()
                   if "calling init: " in line})


def readelf(*args):
    return subprocess.run(["readelf", "-W", *args], capture_output=True, text=True, check=True).stdout


class LibraryTest(netlib.ProgramTest, unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.url = "http://127.0.0.1:9"  # closed: the network commands fail fast
        self.token = make_token(self.url)
        write_profiles(self.profiles, {"prod": {"instance": self.url, "token": self.token}},
                       default="prod")
        # A copy of the program with the stand-in beside it, where a build tree keeps the helper.
        self.bin = self.home / "bin"
        self.bin.mkdir()
        self.copy = self.bin / "triplydb-profile"
        shutil.copy2(self.program, self.copy)
        stand_in = self.bin / "triplydb-profile-http"
        stand_in.write_text(STAND_IN)
        stand_in.chmod(0o755)
        self.starts = self.home / "helper-starts"
        keyring_stand_in = self.bin / "triplydb-profile-keyring"
        keyring_stand_in.write_text(KEYRING_STAND_IN)
        keyring_stand_in.chmod(0o755)
        self.keyring_starts = self.home / "keyring-starts"

    def run_copy(self, *args, input=None, **env):
        return subprocess.run([str(self.copy), *args], input=input, capture_output=True, text=True, timeout=30,
                              env=netlib.clean_environment(self.home, HELPER_STARTS=str(self.starts),
                                                           KEYRING_STARTS=str(self.keyring_starts), **env))

    def test_offline_commands_never_start_the_helper(self):
        for command in OFFLINE_COMMANDS:
            with self.subTest(command=command):
                result = self.run_copy(*command, TRIPLYDB_PROFILE="prod", TRIPLYDB_TOKEN=self.token)
                self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                self.assertFalse(self.starts.exists(), command)
                self.assertFalse(self.keyring_starts.exists(), command)

    def test_keyring_profiles_do_start_the_keyring_helper(self):
        # The positive control for the keyring half: the same stand-in place, found and recording.
        write_profiles(self.profiles, {"prod": {"instance": self.url, "token": self.token},
                                       "vault": {"instance": self.url, "keyring": {"service": "s", "account": "vault"}}})
        for command in (("env", "vault", "--shell", "bash"), ("token", "vault"), ("exec", "vault", "--", "true")):
            with self.subTest(command=command):
                self.keyring_starts.unlink(missing_ok=True)
                result = self.run_copy(*command, TRIPLYDB_TOKEN=self.token)
                self.assertEqual(result.returncode, 1)
                self.assertEqual(result.stdout, "")
                self.assertTrue(self.keyring_starts.exists(), result.stderr)
                self.assertNotIn("TRIPLYDB_", self.keyring_starts.read_text())
                self.assertIn(f"the keyring helper {self.bin / 'triplydb-profile-keyring'} failed", result.stderr)
        # A file profile beside it still starts nothing, for these and list/complete of both.
        for command in (("env", "prod", "--shell", "bash"), ("list",), ("list", "--names"), ("current",),
                        ("show", "vault"), ("complete", "--", "use", "")):
            with self.subTest(command=command):
                self.keyring_starts.unlink(missing_ok=True)
                result = self.run_copy(*command, TRIPLYDB_PROFILE="prod", TRIPLYDB_TOKEN=self.token)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertFalse(self.keyring_starts.exists(), command)

    def test_network_commands_do_start_it(self):
        # The positive control for the test above: the stand-in is found and does record.
        for command in (("whoami", "prod"), ("doctor", "--online"), ("add", "new", "--instance", self.url), ("show", "prod", "--online"),
                        ("tokens", "prod"), ("rotate", "prod"), ("revoke", "prod"), ("revoke", "--token-id", "x", "--with", "prod")):
            with self.subTest(command=command):
                self.starts.unlink(missing_ok=True)
                result = self.run_copy(*command, input=self.token + "\n", TRIPLYDB_TOKEN=self.token,
                                       TRIPLYDB_PROFILE="prod")
                self.assertNotEqual(result.returncode, 0)
                self.assertTrue(self.starts.exists(), result.stderr)
                # It gets its token on the pipe only: the shell's TRIPLYDB_ variables stay behind.
                seen = self.starts.read_text()
                self.assertIn("HELPER_STARTS=", seen)
                self.assertNotIn("TRIPLYDB_", seen)
                self.assertIn(f"the network helper {self.bin / 'triplydb-profile-http'} failed: reinstall triplydb-profile",
                              result.stdout + result.stderr)

    def test_use_in_bash_never_starts_the_helper(self):
        # The shell function as people run it: eval the integration, then switch.
        bash = shutil.which("bash")
        script = ('set -e; eval "$("$PROGRAM" init bash)"; '
                  'triplydb use prod && triplydb current >/dev/null && triplydb list >/dev/null && triplydb off')
        result = subprocess.run([bash, "--norc", "-c", script], capture_output=True, text=True, timeout=30,
                                env=netlib.clean_environment(self.home, PROGRAM=str(self.copy),
                                                             HELPER_STARTS=str(self.starts),
                                                             KEYRING_STARTS=str(self.keyring_starts)))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(self.starts.exists())
        self.assertFalse(self.keyring_starts.exists())

    def test_libcurl_loads_in_the_helper_only(self):
        result = self.run_program("whoami", "prod", LD_DEBUG="libs")
        self.assertIn("cannot reach http://127.0.0.1:9", result.stderr)
        self.assertTrue([lib for lib in loaded_libraries(result.stderr) if "libcurl" in lib], result.stderr[-2000:])
        offline = self.run_program("env", "prod", "--shell", "bash", LD_DEBUG="libs")
        self.assertEqual(offline.returncode, 0, offline.stderr[-2000:])
        self.assertFalse([lib for lib in loaded_libraries(offline.stderr) if "libcurl" in lib])
        self.assertNotIn("libcurl", readelf("-d", self.program))

    @unittest.skipUnless(os.environ.get("TRIPLYDB_EXPECT_STATIC") == "1", "a build that links the program dynamically")
    def test_the_program_is_one_static_file(self):
        headers = readelf("-l", self.program)
        self.assertIn("DYN (Position-Independent Executable file)", headers)  # still randomised by ASLR
        self.assertNotIn("INTERP", headers)
        self.assertNotIn("(NEEDED)", readelf("-d", self.program))
        offline = self.run_program("env", "prod", "--shell", "bash", LD_DEBUG="libs")
        self.assertEqual(loaded_libraries(offline.stderr), [])
        # The same checks see the helper's loader and libraries, so they can fail.
        helper = os.path.join(os.path.dirname(self.program), "triplydb-profile-http")
        self.assertIn("INTERP", readelf("-l", helper))
        self.assertIn("libcurl", readelf("-d", helper))
        keyring_helper = os.path.join(os.path.dirname(self.program), "triplydb-profile-keyring")
        self.assertIn("libsecret", readelf("-d", keyring_helper))
        self.assertNotIn("libsecret", readelf("-d", self.program))
        self.assertNotIn("libsecret", readelf("-d", helper))


if __name__ == "__main__":
    netlib.main(globals())
