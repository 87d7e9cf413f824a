#!/usr/bin/env python3
"""The network commands against the fake instance: add (verification), whoami, doctor --online.

Usage: test_net.py PROGRAM [unittest arguments]
"""
import json
import shutil
import subprocess
import time
import unittest
from pathlib import Path

import netlib
from proxy import RecordingProxy
from netlib import header, make_token, write_profiles

PREFIX = "triplydb-profile: "


class AddTest(netlib.ProgramTest, unittest.TestCase):
    def test_good_token_is_stored_and_the_account_reported(self):
        server = self.server()
        token = make_token(server.url)
        result = self.run_program("add", "prod", input=token)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"verified: account acme-bot (user) on Test TriplyDB, {server.url}\n", result.stdout)
        self.assertIn(token, self.profiles.read_text())
        me = [r for r in server.requests() if r["path"] == "/me"]
        self.assertEqual([header(r, "Authorization") for r in me], ["Bearer " + token])
        info = [r for r in server.requests() if r["path"] == "/info"]
        self.assertEqual([header(r, "Authorization") for r in info], [None])

    def test_rejected_token_saves_nothing(self):
        write_profiles(self.profiles, {"other": {"instance": "https://api.example.org", "token": make_token("https://api.example.org")}})
        before = self.profiles.read_bytes()
        server = self.server("--mode", "401")
        result = self.run_program("add", "prod", input=make_token(server.url))
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, f"{PREFIX}{server.url} rejected the token (401 Unauthorized.); nothing was "
                                        f"saved. Make a new token at {server.url}/me/-/settings/tokens\n")
        self.assertEqual(self.profiles.read_bytes(), before)

    def test_instance_that_never_answers_times_out(self):
        server = self.server("--mode", "hang", lifetime=20)
        started = time.monotonic()
        result = self.run_program("add", "prod", "--timeout", "1", input=make_token(server.url))
        self.assertLess(time.monotonic() - started, 6)
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, rf"^{PREFIX}http://127\.0\.0\.1:{server.port} did not answer in time: "
                                        r"Operation timed out after \d+ milliseconds with 0 bytes received; "
                                        r"nothing was saved \(add --no-verify to save it without checking\)\n$")
        self.assertFalse(self.profiles.exists())

    def test_unreachable_instance_suggests_no_verify(self):
        server = self.server()
        url = server.url
        server.stop()
        result = self.run_program("add", "prod", input=make_token(url))
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.startswith(f"{PREFIX}cannot reach {url}: "), result.stderr)
        self.assertTrue(result.stderr.endswith("; nothing was saved (add --no-verify to save it without checking)\n"))
        self.assertFalse(self.profiles.exists())

    def test_no_verify_saves_without_asking(self):
        server = self.server()
        url = server.url
        server.stop()
        result = self.run_program("add", "prod", "--no-verify", input=make_token(url), LD_DEBUG="libs")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("prod:", self.profiles.read_text())
        self.assertNotIn("libcurl", result.stderr)

    def test_console_url_is_detected_and_replaced_with_force(self):
        server = self.server("--mode", "console")
        api = server.url + "/_api"
        token = make_token(server.url)  # a token whose issuer is the console, not the API
        result = self.run_program("add", "prod", input=token)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{PREFIX}{server.url} is a TriplyDB web console, not its API; the API is "
                                        f"at {api}; nothing was saved: add --force to save the profile with {api}\n")
        self.assertFalse(self.profiles.exists())

        result = self.run_program("add", "prod", "--force", input=token)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, f"{server.url} is a TriplyDB web console; using its API {api}\n")
        self.assertIn(f"verified: account acme-bot (user) on Test TriplyDB, {api}\n", result.stdout)
        self.assertIn(f"instance: {api}\n", self.profiles.read_text())
        consoles = [r for r in server.requests() if not r["path"].startswith("/_api/")]
        self.assertEqual({r["path"] for r in consoles}, {"/info"})
        self.assertEqual([header(r, "Authorization") for r in consoles], [None] * len(consoles))

    def test_console_given_as_instance_is_replaced_with_force(self):
        server = self.server("--mode", "console")
        api = server.url + "/_api"
        result = self.run_program("add", "prod", "--instance", server.url, "--force", input=make_token(api))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"instance: {api}\n", self.profiles.read_text())

    def test_answer_from_another_origin_saves_nothing(self):
        write_profiles(self.profiles, {"other": {"instance": "https://api.example.org", "token": make_token("https://api.example.org")}})
        before = self.profiles.read_bytes()
        server, other = redirecting_pair(self)
        token = make_token(server.url)
        result = self.run_program("add", "prod", input=token)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, PREFIX + not_verified(server, other) +
                         "; nothing was saved (add --no-verify to save it without checking)\n")
        self.assertEqual(self.profiles.read_bytes(), before)
        result = self.run_program("add", "prod", "--no-verify", input=token)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(token, self.profiles.read_text())

    def test_plain_http_elsewhere_is_refused_before_connecting(self):
        # Through a recording proxy: had the program opened any connection, the proxy would see it.
        proxy = self.server()
        remote = "http://198.51.100.7"
        result = self.run_program("add", "prod", input=make_token(remote), http_proxy=proxy.url)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{PREFIX}the token's issuer is not a usable instance: invalid instance URL "
                                        f"'{remote}': plain http:// would send the token unencrypted; use https:// "
                                        "(http:// is allowed only to localhost)\n")
        result = self.run_program("add", "prod", "--instance", remote, "--force",
                                  input=make_token("https://api.example.org"), http_proxy=proxy.url)
        self.assertEqual(result.returncode, 2)
        self.assertIn("plain http:// would send the token unencrypted", result.stderr)
        self.assertEqual(proxy.requests(), [])
        self.assertFalse(self.profiles.exists())


def redirecting_pair(test):
    """An instance whose /me answers 302 to another origin, where a fake answers 200 without a token."""
    other = test.server("--open", "--account", "someone-else")
    server = test.server("--mode", "redirect-me", "--redirect-to", other.url)
    return server, other


def not_verified(server, other):
    return (f"{server.url} redirected GET /me to {other.url}, another origin, where the token is not sent: the token "
            f"is not verified ({other.url} answered 200); if that is the instance's API, use --instance {other.url}")


class WhoamiTest(netlib.ProgramTest, unittest.TestCase):
    def profile(self, url, token=None, name="prod"):
        token = token or make_token(url)
        write_profiles(self.profiles, {name: {"instance": url, "token": token}})
        return token

    def test_human_and_json_output(self):
        server = self.server("--account", "acme", "--account-type", "org", "--role", "siteAdmin")
        self.profile(server.url)
        result = self.run_program("whoami", "prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("account   acme (org, role siteAdmin)\n", result.stdout)
        self.assertIn(f"instance  Test TriplyDB, {server.url}\n", result.stdout)
        result = self.run_program("whoami", "prod", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        data = json.loads(result.stdout)
        self.assertEqual((data["profile"], data["accountName"], data["type"], data["role"], data["instance"],
                          data["instanceName"]), ("prod", "acme", "org", "siteAdmin", server.url, "Test TriplyDB"))

    def test_active_profile_is_the_default_name(self):
        server = self.server()
        self.profile(server.url)
        result = self.run_program("whoami", TRIPLYDB_PROFILE="prod")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("profile   prod\n", result.stdout)

    def test_rejected_token(self):
        server = self.server("--mode", "401")
        self.profile(server.url)
        result = self.run_program("whoami", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{PREFIX}{server.url} rejected the token of profile 'prod' (401 "
                                        f"Unauthorized.); make a new token at {server.url}/me/-/settings/tokens "
                                        f"and run 'triplydb-profile add prod --force'\n")

    def test_server_errors_are_reported(self):
        for mode, words in (("403", "refused the token access to its account (403 Forbidden.)"),
                            ("500", "answered GET /me with 500 Internal server error.; try again later")):
            server = self.server("--mode", mode)
            self.profile(server.url)
            result = self.run_program("whoami", "prod")
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stderr, f"{PREFIX}{server.url} {words}\n")

    def test_redirect_to_another_host_does_not_carry_the_token(self):
        server = self.server("--mode", "redirect")
        token = self.profile(server.url)
        result = self.run_program("whoami", "prod")
        self.assertEqual(result.returncode, 1)
        other = f"http://localhost:{server.port}"
        self.assertEqual(result.stderr, f"{PREFIX}{server.url} redirected GET /me to {other}, another origin, where "
                                        f"the token is not sent: the token is not verified ({other} answered 401 "
                                        f"Unauthorized.); if that is the instance's API, use --instance {other}\n")
        requests = server.requests()
        original = [r for r in requests if header(r, "Host").startswith("127.0.0.1:") and r["path"] == "/me"]
        moved = [r for r in requests if header(r, "Host").startswith("localhost:")]
        self.assertEqual([header(r, "Authorization") for r in original], ["Bearer " + token])
        self.assertEqual({r["path"] for r in moved}, {"/info", "/me"})
        self.assertEqual([header(r, "Authorization") for r in moved], [None] * len(moved))

    def test_https_with_the_test_ca_and_without(self):
        ca, cert, key = netlib.make_ca(self.home)
        server = self.server(tls=(cert, key))
        self.profile(server.url)
        result = self.run_program("whoami", "prod", "--cacert", str(ca))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("account   acme-bot (user, role regular)\n", result.stdout)
        result = self.run_program("whoami", "prod", TRIPLYDB_CA_BUNDLE=str(ca))
        self.assertEqual(result.returncode, 0, result.stderr)

        result = self.run_program("whoami", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{PREFIX}cannot verify the TLS certificate of {server.url}: SSL certificate "
                                        "problem: unable to get local issuer certificate; if the instance uses a "
                                        "private CA, name its certificate with --cacert FILE or "
                                        "TRIPLYDB_CA_BUNDLE=FILE\n")

    def test_missing_ca_file_is_a_usage_error(self):
        self.profile("https://127.0.0.1:9")
        result = self.run_program("whoami", "prod", "--cacert", str(self.home / "nope.pem"))
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, f"{PREFIX}--cacert: {self.home / 'nope.pem'} is not a file; name a PEM "
                                        "file of CA certificates\n")

    def test_answer_from_another_origin_is_not_a_verification(self):
        server, other = redirecting_pair(self)
        token = self.profile(server.url)
        result = self.run_program("whoami", "prod")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, PREFIX + not_verified(server, other) + "\n")
        self.assertEqual([header(r, "Authorization") for r in other.requests()], [None])
        self.assertEqual([header(r, "Authorization") for r in server.requests() if r["path"] == "/me"], ["Bearer " + token])
        result = self.run_program("whoami", "prod", "--json")
        self.assertEqual((result.returncode, result.stdout), (1, ""))

    def test_token_never_appears_in_output(self):
        server = self.server("--mode", "redirect")
        token = self.profile(server.url)
        for args in (("whoami", "prod"), ("whoami", "prod", "--json"), ("doctor", "--online")):
            result = self.run_program(*args)
            self.assertNotIn(token, result.stdout + result.stderr)


class DoctorTest(netlib.ProgramTest, unittest.TestCase):
    def test_offline_findings(self):
        url = "https://api.example.org"
        write_profiles(self.profiles, {"old": {"instance": url, "token": make_token(url, exp_in=-60)},
                                       "soon": {"instance": url, "token": make_token(url, exp_in=3 * 86400)},
                                       "fine": {"instance": url, "token": make_token(url, exp_in=30 * 86400)}},
                       default="gone")
        self.profiles.chmod(0o644)
        result = self.run_program("doctor")
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stdout.splitlines()
        self.assertIn(f"fail  {self.profiles} is readable by others; run 'chmod 600 {self.profiles}'", lines)
        self.assertIn(f"ok    {self.profiles} is valid (3 profiles)", lines)
        self.assertIn("fail  the default profile 'gone' does not exist: run 'triplydb-profile default NAME' or "
                      "'triplydb-profile default --unset'", lines)
        self.assertTrue(any(line.startswith("fail  old: the token expired on ") and
                            line.endswith("; make a new one and run 'triplydb-profile add old --force'") for line in lines))
        self.assertTrue(any(line.startswith("warn  soon: the token expires on ") for line in lines))
        self.assertIn("ok    1 of 3 tokens are valid for at least 14 more days", lines)

    def test_shell_integration_and_official_cli(self):
        (self.home / ".bashrc").write_text('eval "$(triplydb-profile init bash)"\n')
        bin_dir = self.home / "bin"
        bin_dir.mkdir()
        (bin_dir / "triplydb").write_text("#!/bin/sh\n")
        (bin_dir / "triplydb").chmod(0o755)
        result = self.run_program("doctor", PATH=f"{bin_dir}:/usr/bin:/bin")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn(f"ok    official TriplyDB CLI: {bin_dir / 'triplydb'}\n", result.stdout)
        self.assertIn(f"ok    shell integration is set up for bash in {self.home / '.bashrc'}\n", result.stdout)


    def test_network_helper(self):
        found = self.run_program("doctor")
        self.assertEqual(found.returncode, 0, found.stdout + found.stderr)
        helper = Path(self.program).parent / "triplydb-profile-http"
        self.assertIn(f"ok    network helper: {helper}\n", found.stdout)
        # A program copied away from its helper says where it looked, and fails.
        alone = self.home / "bin"
        alone.mkdir()
        shutil.copy2(self.program, alone / "triplydb-profile")
        missing = subprocess.run([str(alone / "triplydb-profile"), "doctor"], capture_output=True, text=True,
                                 timeout=30, env=netlib.clean_environment(self.home))
        self.assertEqual(missing.returncode, 1, missing.stdout + missing.stderr)
        failure = [line for line in missing.stdout.splitlines() if line.startswith("fail  ")]
        self.assertEqual(len(failure), 1, missing.stdout)
        # First the install layout (LIBDIR/triplydb-profile, relative to the program), then beside it.
        self.assertRegex(failure[0], r"^fail  the network helper triplydb-profile-http is not installed \(looked for "
                                     r"/\S+/triplydb-profile/triplydb-profile-http, ")
        self.assertTrue(failure[0].endswith(f", {alone / 'triplydb-profile-http'}): add, whoami and doctor --online "
                                            "cannot reach an instance; reinstall triplydb-profile"), failure[0])

    def test_answer_from_another_origin_is_reported_as_not_verified(self):
        server, other = redirecting_pair(self)
        write_profiles(self.profiles, {"moved": {"instance": server.url, "token": make_token(server.url)}})
        result = self.run_program("doctor", "--online")
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn(f"fail  moved: {not_verified(server, other)}\n", result.stdout)
        self.assertNotIn("someone-else", result.stdout)

    def test_every_token_is_verified(self):
        good = self.server()
        bad = self.server("--mode", "401")
        write_profiles(self.profiles, {"good": {"instance": good.url, "token": make_token(good.url)},
                                       "bad": {"instance": bad.url, "token": make_token(bad.url)}}, default="good")
        result = self.run_program("doctor", "--online")
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn(f"ok    good: account acme-bot on Test TriplyDB, {good.url}\n", result.stdout)
        self.assertIn(f"fail  bad: {bad.url} rejected the token (401 Unauthorized.)\n", result.stdout)
        offline = self.run_program("doctor")
        self.assertEqual(offline.returncode, 0, offline.stdout + offline.stderr)
        self.assertNotIn("acme-bot", offline.stdout)


class ProxyTest(netlib.ProgramTest, unittest.TestCase):
    """A token never passes through a proxy in clear: http:// (only ever to this machine) goes direct,
    https:// through a proxy is a CONNECT tunnel."""

    def proxy(self):
        proxy = RecordingProxy()
        self.addCleanup(proxy.stop)
        return proxy

    def test_http_to_this_machine_never_goes_through_a_proxy(self):
        proxy = self.proxy()
        server = self.server()
        token = make_token(server.url)
        write_profiles(self.profiles, {"prod": {"instance": server.url, "token": token}})
        every_proxy = {name: proxy.url for name in ("http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy")}
        environment = netlib.clean_environment(self.home, **every_proxy)
        self.assertFalse({"NO_PROXY", "no_proxy"} & set(environment))  # nothing exempts 127.0.0.1 but the program
        results = [self.run_program(*args, input=input, **every_proxy)
                   for args, input in ((("whoami", "prod"), None), (("add", "again"), token), (("doctor", "--online"), None))]
        self.assertNotIn("authorization", proxy.header_names())
        self.assertEqual(proxy.request_lines(), [])
        for result in results:
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        me = [r for r in server.requests() if r["path"] == "/me"]
        self.assertEqual([header(r, "Authorization") for r in me], ["Bearer " + token] * 4)  # doctor asks for both

    def test_https_through_a_proxy_is_a_tunnel(self):
        proxy = self.proxy()
        ca, cert, key = netlib.make_ca(self.home)
        server = self.server(tls=(cert, key))
        write_profiles(self.profiles, {"prod": {"instance": server.url, "token": make_token(server.url)}})
        result = self.run_program("whoami", "prod", "--cacert", str(ca), https_proxy=proxy.url, HTTPS_PROXY=proxy.url,
                                  ALL_PROXY=proxy.url)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("account   acme-bot (user, role regular)\n", result.stdout)
        # /info, /me and the account's tokens, each through its own tunnel; the proxy never sees a path or a header of them.
        self.assertEqual(proxy.request_lines(), [f"CONNECT 127.0.0.1:{server.port} HTTP/1.1"] * 3)
        self.assertNotIn("authorization", proxy.header_names())
        self.assertEqual(len([r for r in server.requests() if r["path"] == "/me"]), 1)


if __name__ == "__main__":
    netlib.main(globals())
