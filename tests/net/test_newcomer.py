#!/usr/bin/env python3
"""What a new user meets when add asks the instance: the account it verified is kept."""
import json
import unittest

import netlib
from netlib import make_token

PREFIX = "triplydb-profile: "


class AddAccountTest(netlib.ProgramTest, unittest.TestCase):
    def account_of(self, name):
        result = self.run_program("env", name, "--shell", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout).get("TRIPLYDB_ACCOUNT")

    def test_account_from_me_is_stored_without_account(self):
        server = self.server("--account", "acme")
        result = self.run_program("add", "prod", input=make_token(server.url))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.account_of("prod"), "acme")

    def test_account_that_disagrees_with_me_is_refused(self):
        server = self.server("--account", "acme")
        result = self.run_program("add", "prod", "--account", "other", input=make_token(server.url))
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{PREFIX}--account other is not the token's account: {server.url} says it belongs to acme; "
                                        "nothing was saved (add --force to store it with --account other anyway)\n")
        self.assertFalse(self.profiles.exists())

    def test_force_keeps_the_given_account(self):
        server = self.server("--account", "acme")
        result = self.run_program("add", "prod", "--account", "other", "--force", input=make_token(server.url))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.account_of("prod"), "other")

    def test_matching_account_is_accepted(self):
        server = self.server("--account", "acme")
        result = self.run_program("add", "prod", "--account", "acme", input=make_token(server.url))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.account_of("prod"), "acme")


if __name__ == "__main__":
    netlib.main(globals())
