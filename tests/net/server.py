#!/usr/bin/env python3
"""A stand-in TriplyDB API for the network tests, on 127.0.0.1 and a free port.

Serves GET /info and GET /me the way TriplyDB does (JSON, errors as {"message": ...}), over HTTP
or HTTPS, and misbehaves on request (--mode). Prints its port on the first line of stdout, records
every request's headers as JSON lines (--record), and exits by itself after --lifetime seconds.
"""
import argparse
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("ok", "401", "403", "500", "hang", "redirect", "redirect-me", "console", "html")

# Terminal controls a hostile server might send (--hostile): a screen clear, OSC 52 (write the
# clipboard), a bell, and CSI as the C1 control U+009B.
HOSTILE = "\x1b[2J\x1b]52;c;cm0gLXJmIH4K\x07\x07\u009b31m\x7f"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=MODES, default="ok")
    parser.add_argument("--token", help="the only bearer token /me accepts (default: any)")
    parser.add_argument("--account", default="acme-bot")
    parser.add_argument("--account-type", default="user")
    parser.add_argument("--role", default="regular")
    parser.add_argument("--instance-name", default="Test TriplyDB")
    parser.add_argument("--redirect-to", help="with --mode redirect-me: where /me is sent (a 302)")
    parser.add_argument("--open", action="store_true", help="/me answers without a token, as no TriplyDB does")
    parser.add_argument("--hostile", action="store_true", help="names, messages and content types carry terminal controls")
    parser.add_argument("--cert", help="PEM certificate: serve HTTPS")
    parser.add_argument("--key", help="PEM private key of --cert")
    parser.add_argument("--record", help="append one JSON line per request to this file")
    parser.add_argument("--lifetime", type=float, default=60.0)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before answering each request")
    return parser.parse_args()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeTriplyDB/1.0"

    def log_message(self, format, *args):  # keep test output readable
        pass

    @property
    def options(self):
        return self.server.options

    def record(self):
        if not self.options.record:
            return
        entry = {"method": self.command, "path": self.path, "headers": dict(self.headers.items())}
        with self.server.record_lock, open(self.options.record, "a", encoding="utf-8") as file:
            file.write(json.dumps(entry) + "\n")

    def send(self, status, body, content_type="application/json", extra=()):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        if self.options.hostile:  # raw bytes in a header: ESC and a lone 0x9B (CSI), which is not UTF-8
            content_type += "; x=\x1b]52;c;cm0gLXJmIH4K\x07\x9b31m"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def base_url(self, host):
        scheme = "https" if self.options.cert else "http"
        return f"{scheme}://{host}:{self.server.server_port}"

    def do_GET(self):
        self.record()
        time.sleep(self.options.delay)
        mode, path = self.options.mode, self.path.split("?", 1)[0]
        if path.startswith("http://"):  # absolute form: we are being used as a forward proxy
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
        host = self.headers.get("Host", "").rsplit(":", 1)[0]
        if mode == "hang":
            time.sleep(self.options.lifetime + 5)  # the process exits first
            return
        if mode == "redirect" and host != "localhost":
            # Same server, another host name: the client must not carry the token across.
            location = self.base_url("localhost") + self.path
            return self.send(307, {"message": "moved"}, extra=[("Location", location)])
        if mode == "redirect-me" and path == "/me":
            return self.send(302, {"message": "moved"}, extra=[("Location", self.options.redirect_to + "/me")])
        if mode == "console":
            if not path.startswith("/_api/"):
                api = self.base_url("127.0.0.1") + "/_api"
                return self.send(200, "<html>TriplyDB console</html>", "text/html", [("x-triply-api", api)])
            path = path[len("/_api"):]
        if mode == "html":
            return self.send(200, "<html>not an API</html>", "text/html")
        if mode in ("403", "500") and path == "/me":
            message = "Forbidden." if mode == "403" else "Internal server error."
            return self.send(int(mode), {"message": message + (HOSTILE if self.options.hostile else "")})
        if path == "/info":
            return self.send_info()
        if path == "/me":
            return self.send_me()
        return self.send(404, {"message": "Not found."})

    def send_info(self):
        base = self.base_url("127.0.0.1")
        api = base + "/_api" if self.options.mode == "console" else base
        name = self.options.instance_name + (HOSTILE if self.options.hostile else "")
        self.send(200, {"branding": {"name": name}, "consoleUrl": base,
                        "apiUrl": api, "version": "25.11.0"})

    def send_me(self):
        authorization = self.headers.get("Authorization")
        expected = self.options.token
        accepted = authorization and authorization.startswith("Bearer ") and (
            expected is None or authorization == "Bearer " + expected)
        if self.options.mode == "401" or not (accepted or self.options.open):
            return self.send(401, {"message": "Unauthorized." + (HOSTILE if self.options.hostile else "")})
        o = self.options
        account = o.account + (HOSTILE if o.hostile else "")
        self.send(200, {"accountName": account, "uid": "u-" + account, "type": o.account_type + (HOSTILE if o.hostile else ""),
                        "name": account.title(), "role": o.role + (HOSTILE if o.hostile else ""), "email": o.account + "@example.org",
                        "createdAt": "2024-01-02T03:04:05.000Z"})


def main():
    options = parse_arguments()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.options = options
    server.record_lock = threading.Lock()
    if options.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options.cert, options.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    # Bounded lifetime: a test that dies never leaves a server behind for long.
    threading.Timer(options.lifetime, lambda: os._exit(0)).start()
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
