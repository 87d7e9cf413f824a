#!/usr/bin/env python3
"""libcurl is loaded by the network commands only: what a shell runs on every switch and every TAB
must start without it. Checked with the dynamic loader's own trace (LD_DEBUG=libs).

Usage: test_libs.py PROGRAM [unittest arguments]
"""
import os
import shutil
import subprocess
import unittest

import netlib
from netlib import make_token, write_profiles

OFFLINE_COMMANDS = (
    ("init", "bash"), ("init", "zsh"), ("init", "fish"), ("init", "pwsh"),
    ("env", "prod", "--shell", "bash"), ("env", "--unset", "--shell", "fish"),
    ("current",), ("list",), ("list", "--names"), ("token", "prod"),
    ("exec", "prod", "--", "true"), ("completion", "bash"), ("completion", "zsh"),
    ("show", "prod"), ("default",), ("--version",),
)


def loaded_libraries(trace: str):
    """The libraries the loader opened, from LD_DEBUG=libs output."""
    return sorted({line.split("calling init: ", 1)[1].strip() for line in trace.splitlines()
                   if "calling init: " in line})


class LibraryTest(netlib.ProgramTest, unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.url = "http://127.0.0.1:9"  # closed: the network commands fail fast, after loading
        self.token = make_token(self.url)
        write_profiles(self.profiles, {"prod": {"instance": self.url, "token": self.token}},
                       default="prod")

    def require_command(self, name):
        """Skips locally (fails on CI) when this build does not have the command yet."""
        result = self.run_program(name, "--help")
        if f"unknown command '{name}'" in result.stderr:
            if os.environ.get("CI") == "true":
                self.fail(f"the program has no '{name}' command")
            self.skipTest(f"the program has no '{name}' command yet")

    def test_offline_commands_never_load_libcurl(self):
        for command in OFFLINE_COMMANDS:
            with self.subTest(command=command):
                if not command[0].startswith("-"):
                    self.require_command(command[0])
                result = self.run_program(*command, LD_DEBUG="libs", TRIPLYDB_PROFILE="prod",
                                          TRIPLYDB_TOKEN=self.token)
                self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                libraries = loaded_libraries(result.stderr)
                self.assertTrue(libraries, "LD_DEBUG produced no trace")  # the check itself works
                self.assertFalse([lib for lib in libraries if "libcurl" in lib or "http.so" in lib], libraries)

    def test_network_commands_do_load_it(self):
        for command in (("whoami", "prod"), ("doctor", "--online")):
            with self.subTest(command=command):
                result = self.run_program(*command, LD_DEBUG="libs")
                self.assertTrue([lib for lib in loaded_libraries(result.stderr) if "libcurl" in lib])

    def test_the_program_does_not_link_libcurl(self):
        result = subprocess.run(["ldd", self.program], capture_output=True, text=True, check=True)
        self.assertNotIn("libcurl", result.stdout)

    def test_use_in_bash_never_loads_libcurl(self):
        # The shell function as people run it: eval the integration, then switch with tracing on.
        self.require_command("init")
        bash = shutil.which("bash")
        script = ('set -e; eval "$("$PROGRAM" init bash)"; export LD_DEBUG=libs LD_DEBUG_OUTPUT="$TRACE"; '
                  'triplydb use prod && triplydb current >/dev/null && triplydb off; unset LD_DEBUG')
        trace = self.home / "trace"
        result = subprocess.run([bash, "--norc", "-c", script], capture_output=True, text=True, timeout=30,
                                env=netlib.clean_environment(self.home, PROGRAM=self.program, TRACE=str(trace)))
        self.assertEqual(result.returncode, 0, result.stderr)
        traces = "".join(path.read_text() for path in self.home.glob("trace.*"))
        self.assertIn("calling init: ", traces)
        self.assertNotIn("libcurl", traces)


if __name__ == "__main__":
    netlib.main(globals())
