#!/usr/bin/env python3
"""Text from outside never drives the terminal: what a server answers (/me, /info, error bodies, a
content type), what a token's claims say and what the profiles file holds reaches standard output
and standard error with its control characters spelt out (ESC as \\u001b, a raw 0x9B as \\x9b);
--json holds them as JSON escapes; account and description with a control character are refused.

Usage: test_control_chars.py PROGRAM [unittest arguments]
"""
import json
import subprocess
import unittest

import netlib
from netlib import make_token, write_profiles

PREFIX = "triplydb-profile: "
# What server.py --hostile appends, and how the program must show it.
HOSTILE = "\x1b[2J\x1b]52;c;cm0gLXJmIH4K\x07\x07\u009b31m\x7f"
VISIBLE = "\\u001b[2J\\u001b]52;c;cm0gLXJmIH4K\\u0007\\u0007\\u009b31m\\u007f"
RULE = "account and description may hold tabs and newlines but no other control character"


def raw_controls(data: bytes):
    """The control characters in output: C0 but newline and tab, DEL, C1 as UTF-8 or as a raw byte."""
    text = data.decode("utf-8", errors="surrogateescape")
    return sorted({hex(ord(c)) for c in text
                   if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or 0xDC80 <= ord(c) <= 0xDC9F})


class ControlCharacterTest(netlib.ProgramTest, unittest.TestCase):
    def run_bytes(self, *args, input=None, **env):
        """Runs the program; fails the test if any raw control character reaches either stream."""
        result = subprocess.run([self.program, *args], input=input.encode() if input else None, capture_output=True,
                                timeout=30, env=netlib.clean_environment(self.home, **env))
        self.assertEqual(raw_controls(result.stdout), [], f"{args}: stdout {result.stdout!r}")
        self.assertEqual(raw_controls(result.stderr), [], f"{args}: stderr {result.stderr!r}")
        return result.returncode, result.stdout.decode(), result.stderr.decode()

    def profile(self, url, **token_claims):
        token = make_token(url, **token_claims)
        write_profiles(self.profiles, {"prod": {"instance": url, "token": token}})
        return token

    def test_add_shows_what_the_server_says_with_controls_spelt_out(self):
        server = self.server("--hostile")
        status, out, err = self.run_bytes("add", "prod", input=make_token(server.url))
        self.assertEqual(status, 0, err)
        self.assertEqual(out.splitlines()[0], f"verified: account acme-bot{VISIBLE} (user{VISIBLE}) on Test "
                                              f"TriplyDB{VISIBLE}, {server.url}")
        # The loader refuses such an account, so the profile is saved without one, and says so.
        self.assertIn(f"names the account 'acme-bot{VISIBLE}', with control characters; the profile is saved without an "
                      "account", err)
        status, out, err = self.run_bytes("list", "--json")
        self.assertEqual(status, 0, err)
        self.assertEqual([(p["name"], p.get("account")) for p in json.loads(out)], [("prod", None)])

    def test_whoami_and_doctor_show_the_server_visibly_and_json_keeps_the_value(self):
        server = self.server("--hostile")
        self.profile(server.url)
        status, out, err = self.run_bytes("whoami", "prod")
        self.assertEqual(status, 0, err)
        self.assertIn(f"account   acme-bot{VISIBLE} (user{VISIBLE}, role regular{VISIBLE})\n", out)
        self.assertIn(f"instance  Test TriplyDB{VISIBLE}, {server.url}\n", out)
        status, out, err = self.run_bytes("whoami", "prod", "--json")
        self.assertEqual(status, 0, err)
        data = json.loads(out)
        self.assertEqual((data["accountName"], data["instanceName"], data["uid"]),
                         ("acme-bot" + HOSTILE, "Test TriplyDB" + HOSTILE, "u-acme-bot" + HOSTILE))
        status, out, err = self.run_bytes("doctor", "--online")
        self.assertEqual(status, 0, out + err)
        self.assertIn(f"ok    prod: account acme-bot{VISIBLE} on Test TriplyDB{VISIBLE}, {server.url}\n", out)

    def test_error_bodies_and_headers_are_shown_visibly(self):
        server = self.server("--hostile", "--mode", "500")
        self.profile(server.url)
        status, out, err = self.run_bytes("whoami", "prod")
        self.assertEqual((status, out), (1, ""))
        self.assertEqual(err, f"{PREFIX}{server.url} answered GET /me with 500 Internal server error.{VISIBLE}; try "
                              "again later\n")
        status, out, err = self.run_bytes("doctor", "--online")
        self.assertEqual(status, 1)
        self.assertIn(f"fail  prod: {server.url} answered GET /me with 500 Internal server error.{VISIBLE}; try again "
                      "later\n", out)

        rejecting = self.server("--hostile", "--mode", "401")
        status, out, err = self.run_bytes("add", "other", input=make_token(rejecting.url))
        self.assertEqual((status, out), (1, ""))
        self.assertTrue(err.startswith(f"{PREFIX}{rejecting.url} rejected the token (401 Unauthorized.{VISIBLE}); "
                                       "nothing was saved."), err)

        # A content type is a header: raw bytes, among them a lone 0x9B that is not UTF-8.
        html = self.server("--hostile", "--mode", "html")
        self.profile(html.url)
        status, out, err = self.run_bytes("whoami", "prod")
        self.assertEqual((status, out), (1, ""))
        self.assertEqual(err, f"{PREFIX}{html.url} did not answer GET /me like a TriplyDB API (status 200, text/html; "
                              "x=\\u001b]52;c;cm0gLXJmIH4K\\u0007\\x9b31m); check the instance URL\n")

    def test_the_tokens_routes_are_shown_visibly(self):
        seeds = self.home / "seeds.json"
        seeds.write_text(json.dumps([{"tokenId": "j-1", "description": "ci" + HOSTILE, "scopes": {"ds": ["r"], "tok": ["c"]},
                                      "lastAccessed": "2025" + HOSTILE}]))
        server = self.server("--hostile", "--tokens", str(seeds), "--fail", "DELETE:500")
        self.profile(server.url, jti="j-1")
        for args in (("whoami", "prod"), ("show", "prod", "--online"), ("tokens", "prod")):
            status, out, err = self.run_bytes(*args)
            self.assertEqual(status, 0, err)
            self.assertIn(f"ci{VISIBLE}\n", out, args)
        status, out, err = self.run_bytes("tokens", "prod", "--json")
        self.assertEqual(json.loads(out)[0]["description"], "ci" + HOSTILE)
        status, out, err = self.run_bytes("revoke", "prod")
        self.assertEqual(status, 1)
        self.assertIn(f"with 500 Internal server error.{VISIBLE}; profile 'prod' is kept", err)
        status, out, err = self.run_bytes("rotate", "prod")
        self.assertEqual(status, 1)
        self.assertIn(f"still works: {server.url} answered DELETE /accounts/acme-bot{VISIBLE}/tokens/j-1 with 500 Internal "
                      f"server error.{VISIBLE}", err)

    def test_token_claims_are_shown_visibly(self):
        server = self.server()
        self.profile(server.url, uid="u" + HOSTILE, jti="j" + HOSTILE)
        status, out, err = self.run_bytes("show", "prod")
        self.assertEqual(status, 0, err)
        self.assertIn(f"user id      u{VISIBLE}\n", out)
        self.assertIn(f"token id     j{VISIBLE}\n", out)
        write_profiles(self.profiles, {"prod": {"instance": server.url, "token": make_token(server.url + HOSTILE)}})
        status, out, err = self.run_bytes("show", "prod")
        self.assertEqual(status, 0, err)
        self.assertIn(f"issuer       {server.url}{VISIBLE}\n", out)
        self.profile(server.url, uid="u" + HOSTILE, jti="j" + HOSTILE)
        status, out, err = self.run_bytes("show", "prod", "--json")
        self.assertEqual(status, 0, err)
        claims = json.loads(out)["claims"]
        self.assertEqual((claims["uid"], claims["token_id"]), ("u" + HOSTILE, "j" + HOSTILE))
        for args in (("list",), ("list", "--json"), ("whoami", "prod"), ("doctor", "--online")):
            status, out, err = self.run_bytes(*args)
            self.assertEqual(status, 0, f"{args}: {out}{err}")
        json.loads(self.run_bytes("list", "--json")[1])

    def test_names_from_the_environment_are_shown_visibly(self):
        self.profile("https://api.example.org")
        status, out, err = self.run_bytes("current", TRIPLYDB_PROFILE="x" + HOSTILE)
        self.assertEqual(status, 1)
        self.assertEqual(out, f"x{VISIBLE}\n")
        self.assertTrue(err.startswith(f"{PREFIX}profile 'x{VISIBLE}' is active in this shell but no longer in "), err)
        status, out, err = self.run_bytes("show", "x" + HOSTILE)
        self.assertEqual((status, out), (2, ""))
        self.assertEqual(err, f"{PREFIX}invalid profile name 'x{VISIBLE}': use only letters, digits, '.', '_' and '-'\n")

    def test_a_control_character_in_the_file_is_refused_where_it_is(self):
        url = "https://api.example.org"
        write_profiles(self.profiles, {"prod": {"instance": url, "token": make_token(url),
                                                "account": '"acme\\e]52;c;cm0gLXJmIH4K\\a"'}})
        before = self.profiles.read_bytes()
        for args in (("list",), ("show", "prod"), ("whoami", "prod"), ("doctor",)):
            status, out, err = self.run_bytes(*args)
            self.assertEqual(status, 1, f"{args}: {out}{err}")
            message = f"{self.profiles}:6:14: profile 'prod': 'account' holds the control character U+001B; {RULE}"
            self.assertIn(message, out if args == ("doctor",) else err)
            if args != ("doctor",):
                self.assertEqual(err, f"{PREFIX}{message}\n")
        self.assertEqual(self.profiles.read_bytes(), before)

    def test_add_refuses_a_control_character_in_account_or_description(self):
        url = "https://api.example.org"
        for option, value, shown in (("--account", "acme\x1b[31m", "U+001B"), ("--description", "csi \u009b", "U+009B"),
                                     ("--account", "bell\x07", "U+0007"), ("--description", "cr\r", "U+000D")):
            status, out, err = self.run_bytes("add", "prod", option, value, "--no-verify", input=make_token(url))
            self.assertEqual((status, out), (2, ""))
            self.assertEqual(err, f"{PREFIX}{option} holds the control character {shown}; {RULE}\n")
        self.assertFalse(self.profiles.exists())
        status, out, err = self.run_bytes("add", "prod", "--account", "tab\there", "--description", "two\nlines",
                                          "--no-verify", input=make_token(url))
        self.assertEqual(status, 0, err)

    def test_a_token_pasted_into_the_default_instance_is_masked_in_the_init_warning(self):
        token = make_token("https://api.example.org")
        write_profiles(self.profiles, {"prod": {"instance": token, "token": token}}, default="prod")
        result = subprocess.run([self.program, "init", "bash"], capture_output=True, text=True, timeout=30,
                                env=netlib.clean_environment(self.home))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(token, result.stderr)
        self.assertIn("****" + token[-4:], result.stderr)
        self.assertTrue(result.stderr.startswith(f"{PREFIX}the default profile was not activated: {self.profiles}:5:15: "),
                        result.stderr)


if __name__ == "__main__":
    netlib.main(globals())
