#!/usr/bin/env python3
"""A token's life from the command line against the fake instance: rotate, revoke, tokens, and what
whoami and show --online say the token may do.

Usage: test_tokens.py PROGRAM [unittest arguments]
"""
import json
import shutil
import subprocess
import unittest

import netlib
from netlib import header, make_token, write_profiles

PREFIX = "triplydb-profile: "
WRITE_SCOPES = {"ds": ["r", "u"], "tok": ["c", "a"]}


class TokenTest(netlib.ProgramTest):
    """A fake instance whose account has tokens, and a profile holding one of them."""

    def instance(self, *args, seeds=None, tls=None, **kwargs):
        seeds = seeds if seeds is not None else [{"tokenId": "j-1", "description": "ci bot", "scopes": WRITE_SCOPES}]
        seed_file = self.home / "seeds.json"
        seed_file.write_text(json.dumps(seeds))
        self.state_file = self.home / "state.json"
        return self.server("--tokens", str(seed_file), "--state", str(self.state_file), *args, tls=tls, **kwargs)

    def state(self):
        return {record["tokenId"]: record for record in json.loads(self.state_file.read_text())}

    def profile(self, server, jti="j-1", name="prod", **extra):
        token = make_token(server.url, jti=jti)
        write_profiles(self.profiles, {name: {"instance": server.url, "token": token, **extra}})
        return token

    def stored_token(self, name="prod"):
        result = self.run_program("token", name)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def methods(self, server):
        return [(r["method"], r["path"]) for r in server.requests() if r["method"] != "GET"]


class RotateTest(TokenTest, unittest.TestCase):
    def test_rotate_stores_a_new_token_of_the_same_kind_and_deletes_the_old(self):
        server = self.instance()
        old = self.profile(server)
        result = self.run_program("rotate", "prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        new = self.stored_token()
        self.assertNotEqual(new, old)
        state = self.state()
        self.assertTrue(state["j-1"]["deleted"])
        self.assertFalse(state["t-new-1"]["deleted"])
        self.assertEqual((state["t-new-1"]["description"], state["t-new-1"]["scopes"]), ("ci bot", WRITE_SCOPES))
        self.assertEqual(self.methods(server), [("POST", "/accounts/acme-bot/tokens"), ("DELETE", "/accounts/acme-bot/tokens/j-1")])
        post = [r for r in server.requests() if r["method"] == "POST"][0]
        self.assertEqual(json.loads(post["body"]), {"description": "ci bot", "scopes": WRITE_SCOPES})
        self.assertEqual(header(post, "Content-Type"), "application/json")
        delete = [r for r in server.requests() if r["method"] == "DELETE"][0]
        self.assertEqual(header(delete, "Authorization"), "Bearer " + new)  # the new token deletes the old
        me_tokens = [header(r, "Authorization") for r in server.requests() if r["path"] == "/me"]
        self.assertEqual(me_tokens, ["Bearer " + old, "Bearer " + new])  # the new one verified before it is stored
        self.assertEqual(result.stdout, f"Stored a new token in profile 'prod' (****{new[-4:]}, id t-new-1, same description "
                                        "and scopes).\nShells that had the old token active get the new one at their next "
                                        f"'triplydb use prod'.\nDeleted the old token (id j-1) on {server.url}.\n")
        self.assertNotIn(new, result.stdout + result.stderr)
        self.assertEqual(self.run_program("whoami", "prod").returncode, 0)
        self.assertEqual(self.run_program("env", "prod", "--shell", "bash").stdout.splitlines()[0], f"export TRIPLYDB_TOKEN='{new}'")

    @unittest.skipUnless(shutil.which("bash"), "bash is not installed")
    def test_use_in_bash_exports_the_new_token(self):
        server = self.instance()
        self.profile(server)
        self.assertEqual(self.run_program("rotate", "prod").returncode, 0)
        new = self.stored_token()
        bin_dir = str(netlib.Path(self.program).parent)
        script = f'eval "$({self.program} init bash --no-default)"; triplydb use prod >/dev/null; printf %s "$TRIPLYDB_TOKEN"'
        env = netlib.clean_environment(self.home)
        env["PATH"] = bin_dir + ":" + env.get("PATH", "")
        result = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True, timeout=30, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, new)

    def test_post_failing_leaves_the_file_byte_identical(self):
        server = self.instance("--fail", "POST:500")
        self.profile(server)
        before = self.profiles.read_bytes()
        result = self.run_program("rotate", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{PREFIX}cannot rotate the token of profile 'prod': {server.url} answered POST "
                                        "/accounts/acme-bot/tokens with 500 Internal server error.; nothing was changed\n")
        self.assertEqual(result.stdout, "")
        self.assertEqual(self.profiles.read_bytes(), before)
        self.assertFalse(self.state()["j-1"]["deleted"])

    def test_delete_failing_keeps_the_new_token_and_says_the_old_one_works(self):
        # tok c: the token may create tokens but not delete them.
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "ci bot", "scopes": {"ds": ["r"], "tok": ["c"]}}])
        old = self.profile(server)
        result = self.run_program("rotate", "prod")
        self.assertEqual(result.returncode, 1)
        new = self.stored_token()
        self.assertNotEqual(new, old)
        self.assertFalse(self.state()["j-1"]["deleted"])
        self.assertEqual(result.stderr, f"{PREFIX}the old token (id j-1) still works: {server.url} refused DELETE "
                                        "/accounts/acme-bot/tokens/j-1 (401 Unauthorized.): the token may not manage the tokens "
                                        f"of account acme-bot; manage them at {server.url}/me/-/settings/tokens. Delete it with "
                                        "'triplydb-profile revoke --token-id j-1 --with prod' or at "
                                        f"{server.url}/me/-/settings/tokens.\n")
        self.assertIn("Stored a new token in profile 'prod'", result.stdout)

    def test_token_command_profile_is_not_rotated(self):
        server = self.instance()
        token = make_token(server.url, jti="j-1")
        write_profiles(self.profiles, {"prod": {"instance": server.url, "token_command": f"[printf, '%s', {token}]"}})
        before = self.profiles.read_bytes()
        result = self.run_program("rotate", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.startswith(f"{PREFIX}profile 'prod' takes its token from token_command, where rotate "
                                                 "cannot write a new one back; nothing was changed."), result.stderr)
        self.assertEqual(self.methods(server), [])
        self.assertEqual(self.profiles.read_bytes(), before)

    def test_redirect_to_another_origin_rotates_nothing(self):
        server = self.instance("--mode", "redirect")
        self.profile(server)
        before = self.profiles.read_bytes()
        result = self.run_program("rotate", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertIn("the token is not verified", result.stderr)
        self.assertEqual(self.methods(server), [])
        self.assertEqual(self.profiles.read_bytes(), before)

    def test_rotate_over_https_with_the_test_ca(self):
        ca, cert, key = netlib.make_ca(self.home)
        server = self.instance(tls=(cert, key))
        old = self.profile(server)
        result = self.run_program("rotate", "prod", "--cacert", str(ca))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotEqual(self.stored_token(), old)
        self.assertTrue(self.state()["j-1"]["deleted"])


class RevokeTest(TokenTest, unittest.TestCase):
    def test_revoke_deletes_the_token_then_the_profile(self):
        server = self.instance()
        token = self.profile(server)
        result = self.run_program("revoke", "prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, f"Deleted the token of profile 'prod' (id j-1) on {server.url} and removed the profile.\n")
        self.assertEqual(self.methods(server), [("DELETE", "/accounts/acme-bot/tokens/j-1")])
        self.assertTrue(self.state()["j-1"]["deleted"])
        self.assertNotIn("prod", self.run_program("list", "--names").stdout)
        self.assertNotIn(token, self.profiles.read_text())

    def run_on_terminal(self, *args, answer):
        """Runs the program with a terminal as standard input, typing `answer`."""
        import os
        main, side = os.openpty()
        self.addCleanup(os.close, main)
        os.write(main, answer.encode())
        try:
            return subprocess.run([self.program, *args], stdin=side, capture_output=True, text=True, timeout=30,
                                  env=netlib.clean_environment(self.home))
        finally:
            os.close(side)

    def test_on_a_terminal_revoke_asks_first(self):
        server = self.instance()
        self.profile(server)
        before = self.profiles.read_bytes()
        result = self.run_on_terminal("revoke", "prod", answer="n\n")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"Delete the token of profile 'prod' (id j-1) on {server.url} and remove the profile? [y/N] "
                                        f"{PREFIX}nothing was deleted\n")
        self.assertEqual(self.methods(server), [])
        self.assertEqual(self.profiles.read_bytes(), before)
        result = self.run_on_terminal("revoke", "prod", answer="y\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.methods(server), [("DELETE", "/accounts/acme-bot/tokens/j-1")])

    def test_yes_skips_the_question(self):
        server = self.instance()
        self.profile(server)
        result = self.run_on_terminal("revoke", "prod", "-y", answer="")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("[y/N]", result.stderr)
        self.assertTrue(self.state()["j-1"]["deleted"])

    def test_refused_delete_keeps_the_profile(self):
        server = self.instance("--fail", "DELETE:403")
        self.profile(server)
        before = self.profiles.read_bytes()
        result = self.run_program("revoke", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{PREFIX}{server.url} refused DELETE /accounts/acme-bot/tokens/j-1 (403 Forbidden.): "
                                        "the token may not manage the tokens of account acme-bot; manage them at "
                                        f"{server.url}/me/-/settings/tokens; profile 'prod' is kept, and its token still works\n")
        self.assertEqual(self.profiles.read_bytes(), before)

    def test_token_without_the_permission_gets_the_settings_page(self):
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "reader", "scopes": {"ds": ["r"]}}])
        self.profile(server)
        result = self.run_program("revoke", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"(401 Unauthorized.): the token may not manage the tokens of account acme-bot; manage them at "
                      f"{server.url}/me/-/settings/tokens; profile 'prod' is kept", result.stderr)
        self.assertIn("prod", self.run_program("list", "--names").stdout)

    def test_a_token_revoked_elsewhere_keeps_the_profile_and_says_how_to_remove_it(self):
        server = self.instance()
        self.profile(server)
        self.assertEqual(self.run_program("revoke", "prod").returncode, 0)
        token = self.profile(server)  # the same token again, deleted on the instance now
        before = self.profiles.read_bytes()
        result = self.run_program("revoke", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.startswith(f"{PREFIX}{server.url} rejected the token of profile 'prod' (401 Unauthorized.)"),
                        result.stderr)
        self.assertTrue(result.stderr.endswith("; nothing was deleted, profile 'prod' is kept ('triplydb-profile remove prod' "
                                               "removes it)\n"), result.stderr)
        self.assertEqual(self.profiles.read_bytes(), before)
        self.assertNotIn(token, result.stderr)

    def test_revoke_another_token_with_a_profile(self):
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "ci bot", "scopes": WRITE_SCOPES},
                                      {"tokenId": "old-laptop", "description": "laptop", "scopes": {"ds": ["r"]}}])
        self.profile(server)
        before = self.profiles.read_bytes()
        result = self.run_program("revoke", "--token-id", "old-laptop", "--with", "prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, f"Deleted token old-laptop on {server.url}.\n")
        self.assertTrue(self.state()["old-laptop"]["deleted"])
        self.assertEqual(self.profiles.read_bytes(), before)

    def test_token_id_needs_with(self):
        result = self.run_program("revoke", "--token-id", "x")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--token-id needs --with PROFILE", result.stderr)


class AddLearnsTest(TokenTest, unittest.TestCase):
    def test_add_stores_the_token_name_and_access_that_list_shows(self):
        # Reading the account's tokens takes tok c or a on the fake, so what it learns is management.
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "ci bot", "scopes": {"ds": ["r", "u"], "tok": ["c"]}}])
        result = self.run_program("add", "prod", input=make_token(server.url, jti="j-1"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("token: 'ci bot', access management (scopes {\"ds\":[\"r\",\"u\"],\"tok\":[\"c\"]})\n", result.stdout)
        text = self.profiles.read_text()
        self.assertIn("    description: ci bot\n", text)
        self.assertIn("    access: management\n", text)
        for _ in range(2):  # parsed, then from the snapshot
            listed = self.run_program("list")
            self.assertEqual(listed.returncode, 0, listed.stderr)
            self.assertRegex(listed.stdout, r"\n  prod +acme-bot +\*{4}.{4}  expires [-0-9: ]+UTC  management  ci bot\n")
            self.assertEqual(json.loads(self.run_program("list", "--json").stdout)[0]["access"], "management")

    def test_a_given_description_wins(self):
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "ci bot", "scopes": {"ds": ["r"], "tok": ["a"]}}])
        result = self.run_program("add", "prod", "--description", "mine", input=make_token(server.url, jti="j-1"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("    description: mine\n", self.profiles.read_text())
        self.assertIn("    access: management\n", self.profiles.read_text())

    def test_a_token_that_may_not_read_tokens_is_added_without_them(self):
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "reader", "scopes": {"ds": ["r"]}}])
        result = self.run_program("add", "prod", input=make_token(server.url, jti="j-1"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("access", self.profiles.read_text())
        self.assertNotIn("description", self.profiles.read_text())


class TokensTest(TokenTest, unittest.TestCase):
    SEEDS = [{"tokenId": "j-1", "description": "ci bot", "scopes": WRITE_SCOPES, "issuedAt": "2025-03-04T05:06:07.000Z"},
             {"tokenId": "j-2", "description": "notebook", "scopes": {"ds": ["r"]}, "lastAccessed": "2025-06-07T08:09:10.000Z"}]

    def test_tokens_lists_the_account_tokens_marked_with_profiles(self):
        server = self.instance(seeds=self.SEEDS)
        self.profile(server)
        result = self.run_program("tokens", "prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], f"Tokens of account acme-bot on {server.url}: 2")
        self.assertIn("j-1  (profile prod)", lines)
        self.assertIn("  access     management (scopes {\"ds\":[\"r\",\"u\"],\"tok\":[\"c\",\"a\"]})", lines)
        self.assertIn("  issued     2025-03-04 05:06 UTC", lines)
        self.assertIn("j-2", lines)
        self.assertIn("  token name notebook", lines)
        self.assertIn("  access     read (scopes {\"ds\":[\"r\"]})", lines)
        self.assertIn("  last used  2025-06-07 08:09 UTC", lines)
        data = json.loads(self.run_program("tokens", "prod", "--json").stdout)
        self.assertEqual([(t["tokenId"], t["profile"], t["access"]) for t in data], [("j-1", "prod", "management"), ("j-2", None, "read")])
        self.assertEqual(data[1]["scopes"], {"ds": ["r"]})

    def test_whoami_shows_what_the_token_may_do(self):
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "ci bot", "scopes": {"ds": ["r", "u"], "tok": ["c"]}}])
        self.profile(server)
        result = self.run_program("whoami", "prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("token name ci bot\n", result.stdout)
        self.assertIn("access    management (scopes {\"ds\":[\"r\",\"u\"],\"tok\":[\"c\"]})\n", result.stdout)
        self.assertRegex(result.stdout, r"\nlast used \d{4}-\d\d-\d\d \d\d:\d\d UTC\n")  # /me just now
        data = json.loads(self.run_program("whoami", "prod", "--json").stdout)
        self.assertEqual((data["token"]["description"], data["token"]["scopes"]), ("ci bot", {"ds": ["r", "u"], "tok": ["c"]}))

    def test_whoami_with_a_token_that_may_not_read_tokens_says_so(self):
        server = self.instance(seeds=[{"tokenId": "j-1", "description": "reader", "scopes": {"ds": ["r"]}}])
        self.profile(server)
        result = self.run_program("whoami", "prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"access    not shown: {server.url} refused GET /accounts/acme-bot/tokens (401 Unauthorized.)", result.stdout)

    def test_show_online(self):
        server = self.instance(seeds=self.SEEDS)
        self.profile(server)
        result = self.run_program("show", "prod", "--online")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("token name   ci bot\n", result.stdout)
        self.assertIn("access       management (scopes {\"ds\":[\"r\",\"u\"],\"tok\":[\"c\",\"a\"]})\n", result.stdout)
        self.assertEqual(result.stdout.count("issued"), 1)  # the token's own iat; the instance's issuedAt is the same moment
        offline = self.run_program("show", "prod")
        self.assertNotIn("access", offline.stdout)
        self.assertEqual(len(server.requests()), 3)  # /info, /me, the tokens: show alone asks nothing


if __name__ == "__main__":
    netlib.main(globals())
