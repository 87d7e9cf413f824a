#!/usr/bin/env python3
"""The network module on its own, driven through its C ABI with ctypes, against the fake instance.

Usage: test_module.py MODULE_SO [unittest arguments]
"""
import ctypes
import sys
import unittest
from pathlib import Path

import netlib

MODULE_PATH = None


class Request(ctypes.Structure):
    _fields_ = [("method", ctypes.c_char_p), ("url", ctypes.c_char_p), ("bearer_token", ctypes.c_char_p),
                ("ca_file", ctypes.c_char_p), ("user_agent", ctypes.c_char_p),
                ("connect_timeout_ms", ctypes.c_long), ("total_timeout_ms", ctypes.c_long),
                ("max_body_bytes", ctypes.c_size_t)]


class Response(ctypes.Structure):
    _fields_ = [("status", ctypes.c_long), ("body", ctypes.c_char_p), ("body_size", ctypes.c_size_t),
                ("location", ctypes.c_char_p), ("triply_api", ctypes.c_char_p),
                ("content_type", ctypes.c_char_p), ("failure", ctypes.c_int), ("error", ctypes.c_char_p)]


class Module(ctypes.Structure):
    _fields_ = [("abi_version", ctypes.c_int), ("backend_version", ctypes.CFUNCTYPE(ctypes.c_char_p)),
                ("perform", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(Request), ctypes.POINTER(Response))),
                ("free_response", ctypes.CFUNCTYPE(None, ctypes.POINTER(Response)))]


OK, RESOLVE, CONNECT, TIMEOUT, CERTIFICATE, TLS, OTHER = range(7)


def load():
    library = ctypes.CDLL(MODULE_PATH)
    entry = library.tdb_http_module_v1
    entry.restype = ctypes.POINTER(Module)
    return entry().contents


def get(url, token=None, ca_file=None, total_ms=5000, max_body=1 << 20):
    module = load()
    request = Request(b"GET", url.encode(), token.encode() if token else None,
                      str(ca_file).encode() if ca_file else None, b"test", 2000, total_ms, max_body)
    response = Response()
    assert module.perform(ctypes.byref(request), ctypes.byref(response)) == 0
    result = {name: getattr(response, name) for name, _ in Response._fields_}
    module.free_response(ctypes.byref(response))
    return result


class ModuleTest(unittest.TestCase):
    def setUp(self):
        self.home_context = netlib.temporary_home()
        self.home = self.home_context.__enter__()
        self.addCleanup(self.home_context.__exit__, None, None, None)

    def server(self, *args, **kwargs):
        server = netlib.Server(self.home, *args, **kwargs)
        self.addCleanup(server.stop)
        return server

    def test_abi_version_and_backend(self):
        module = load()
        self.assertEqual(module.abi_version, 1)
        self.assertIn(b"libcurl/", module.backend_version())

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
        self.assertIsNone(response["body"])


if __name__ == "__main__":
    MODULE_PATH = str(Path(sys.argv.pop(1)).resolve())
    unittest.main()
