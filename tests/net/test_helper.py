#!/usr/bin/env python3
"""The network helper on its own, fed requests on standard input, against the fake instance.

Usage: test_helper.py HELPER OLD_LIBCURL_PRELOAD [unittest arguments]
"""
import os
import subprocess
import sys
import unittest
from pathlib import Path

import netlib

HELPER_PATH = None
OLD_LIBCURL_PRELOAD = None  # makes libcurl refuse CURLOPT_PROTOCOLS_STR, as before 7.85
OK, RESOLVE, CONNECT, TIMEOUT, CERTIFICATE, TLS, OTHER = range(7)
FIRST_LINE = b"triplydb-profile-http 1\n"


def encode(fields):
    """A message in the helper's framing: NAME LENGTH, newline, the bytes, newline."""
    out = FIRST_LINE
    for name, value in fields.items():
        if value is not None:
            value = value if isinstance(value, bytes) else str(value).encode()
            out += b"%s %d\n%s\n" % (name.encode(), len(value), value)
    return out


def decode(message):
    """The fields of a message, checked the way the program checks them."""
    assert message.startswith(FIRST_LINE), message[:100]
    rest, fields = message[len(FIRST_LINE):], {}
    while rest:
        header, rest = rest.split(b"\n", 1)
        name, length = header.decode().split(" ")
        value, rest = rest[:int(length)], rest[int(length):]
        assert rest[:1] == b"\n"
        rest = rest[1:]
        assert name not in fields
        fields[name] = value
    return fields


def run_helper(stdin, *args, env=None):
    return subprocess.run([HELPER_PATH, *args], input=stdin, capture_output=True, timeout=60, env=env)


def get(url, token=None, ca_file=None, total_ms=5000, max_body=1 << 20, env=None):
    request = encode({"url": url, "token": token, "ca-file": ca_file, "connect-timeout-ms": 2000,
                      "total-timeout-ms": total_ms, "max-body-bytes": max_body})
    result = run_helper(request, env=env)
    assert result.returncode == 0, result.stderr
    fields = decode(result.stdout)
    response = {name.replace("-", "_"): fields.get(name) for name in
                ("body", "location", "triply-api", "content-type", "error")}
    response["status"], response["failure"] = int(fields["status"]), int(fields["failure"])
    return response


class HelperTest(unittest.TestCase):
    def setUp(self):
        self.home_context = netlib.temporary_home()
        self.home = self.home_context.__enter__()
        self.addCleanup(self.home_context.__exit__, None, None, None)

    def server(self, *args, **kwargs):
        server = netlib.Server(self.home, *args, **kwargs)
        self.addCleanup(server.stop)
        return server

    def test_version_names_the_backend(self):
        result = run_helper(b"", "--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, rb"^triplydb-profile-http \S+ \(libcurl/")

    def test_refuses_what_is_not_a_request(self):
        for stdin, args in ((b"", ()), (b"GET / HTTP/1.1\r\n\r\n", ()), (FIRST_LINE + b"url 3\nabc\n", ()),
                            (encode({"url": "http://127.0.0.1:9/", "connect-timeout-ms": 1, "total-timeout-ms": 1,
                                     "max-body-bytes": 1, "method": "PUT"}), ()),  # a method this version does not make
                            (b"", ("http://127.0.0.1:9/",))):
            with self.subTest(stdin=stdin, args=args):
                result = run_helper(stdin, *args)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stdout, b"")
                self.assertIn(b"triplydb-profile-http: ", result.stderr)

    def test_get_sends_bearer_and_returns_body(self):
        server = self.server("--token", "tok-123")
        response = get(server.url + "/me", token="tok-123")
        self.assertEqual(response["status"], 200)
        self.assertIn(b'"accountName": "acme-bot"', response["body"])
        self.assertEqual(response["content_type"], b"application/json")
        self.assertEqual(netlib.header(server.requests()[0], "Authorization"), "Bearer tok-123")

    def test_no_token_no_authorization_header(self):
        server = self.server()
        response = get(server.url + "/info")
        self.assertEqual(response["status"], 200)
        self.assertIsNone(netlib.header(server.requests()[0], "Authorization"))

    def test_http_error_is_a_status_not_a_failure(self):
        server = self.server("--mode", "401")
        response = get(server.url + "/me", token="t")
        self.assertEqual((response["status"], response["failure"]), (401, OK))
        self.assertEqual(response["body"], b'{"message": "Unauthorized."}')

    def test_redirect_is_reported_not_followed(self):
        server = self.server("--mode", "redirect")
        response = get(server.url + "/me", token="t")
        self.assertEqual(response["status"], 307)
        self.assertEqual(response["location"], f"http://localhost:{server.port}/me".encode())
        self.assertEqual(len(server.requests()), 1)

    def test_console_header(self):
        server = self.server("--mode", "console")
        response = get(server.url + "/me", token="t")
        self.assertEqual(response["triply_api"], f"{server.url}/_api".encode())

    def test_timeout(self):
        server = self.server("--mode", "hang", lifetime=10)
        response = get(server.url + "/me", total_ms=700)
        self.assertEqual(response["failure"], TIMEOUT)
        self.assertIn(b"timed out", response["error"])

    def test_connection_refused(self):
        server = self.server()
        url = server.url
        server.stop()
        response = get(url + "/info")
        self.assertEqual(response["failure"], CONNECT)

    def test_https_with_and_without_the_ca(self):
        ca, cert, key = netlib.make_ca(self.home)
        server = self.server(tls=(cert, key))
        self.assertEqual(get(server.url + "/info", ca_file=ca)["status"], 200)
        failed = get(server.url + "/info")
        self.assertEqual(failed["failure"], CERTIFICATE)
        self.assertIn(b"certificate", failed["error"])

    def test_body_limit(self):
        server = self.server()
        response = get(server.url + "/info", max_body=10)
        self.assertEqual(response["failure"], OTHER)
        self.assertEqual(response["error"], b"the response is larger than the limit")

    def test_only_http_and_https(self):
        response = get("file:///etc/passwd")
        self.assertNotEqual(response["failure"], OK)
        self.assertEqual(response["body"], b"")

    def test_no_request_when_libcurl_refuses_the_protocol_limit(self):
        server = self.server("--token", "tok-123")
        # Under AddressSanitizer the preload comes before its runtime, which it accepts when told.
        env = dict(os.environ, LD_PRELOAD=OLD_LIBCURL_PRELOAD,
                   ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0")
        response = get(server.url + "/me", token="tok-123", env=env)
        self.assertEqual((response["status"], response["failure"]), (0, OTHER))
        self.assertRegex(response["error"],
                         rb"^libcurl \d+\.\d+\.\d+ refused CURLOPT_PROTOCOLS_STR, which every request needs "
                         rb"\(libcurl 7\.85 or newer\)$")
        self.assertEqual(server.requests(), [])
        # The same request without the preload reaches the server: the refusal is what stopped it.
        self.assertEqual(get(server.url + "/me", token="tok-123")["status"], 200)
        self.assertEqual(len(server.requests()), 1)


if __name__ == "__main__":
    HELPER_PATH = str(Path(sys.argv.pop(1)).resolve())
    OLD_LIBCURL_PRELOAD = str(Path(sys.argv.pop(1)).resolve())
    unittest.main()
