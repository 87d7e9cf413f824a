#!/usr/bin/env python3
"""A stand-in TriplyDB API for the network tests, on 127.0.0.1 and a free port.

Serves GET /info and GET /me the way TriplyDB does (JSON, errors as {"message": ...}), and the
tokens routes typed in @triply/utils 5.0.1 (GET and POST /accounts/A/tokens, GET, PATCH and DELETE
/accounts/A/tokens/ID) with state: tokens created, deleted, last accessed. Over HTTP or HTTPS;
misbehaves on request (--mode, --fail). Prints its port on the first line of stdout, records every
request's method, path, headers and body as JSON lines (--record), and exits by itself after
--lifetime seconds.

Tokens: --tokens FILE seeds them (a JSON list of {tokenId, description, scopes, lastAccessed?});
a bearer token names its record by its jti claim. /me accepts any bearer token (or only --token)
except one whose record was deleted. The tokens routes need a bearer token with a live record:
reading and creating need scope tok c or a, PATCH and DELETE need tok a; otherwise 401
"Unauthorized.", as TriplyDB answers a token without the permission. With --state FILE the tokens
are written there after every change, for the tests to read.
"""
import argparse
import datetime
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import claims_of, mint_token  # noqa: E402

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
    parser.add_argument("--tokens", help="JSON file: the account's tokens at the start")
    parser.add_argument("--state", help="write the tokens here (JSON) after every change")
    parser.add_argument("--fail", action="append", default=[], metavar="METHOD:STATUS",
                        help="answer every tokens request with this method with this status (e.g. POST:500)")
    return parser.parse_args()


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def jti_of(jwt):
    """The jti claim of a JWT, or None."""
    claims = claims_of(jwt)
    return claims.get("jti") if claims else None


class Tokens:
    """The account's tokens: what the routes read and change, kept under one lock."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.records = {}  # tokenId -> Token as the API types it, plus "deleted"
        self.counter = 0
        if options.tokens:
            with open(options.tokens, encoding="utf-8") as file:
                for seed in json.load(file):
                    record = {"description": "", "issuedAt": "2025-01-02T03:04:05.000Z", "lastAccessed": None,
                              "ownerId": "u-" + options.account, "scopes": {}, **seed, "deleted": False}
                    self.records[record["tokenId"]] = record
        self.save()

    def save(self):
        if self.options.state:
            with open(self.options.state + ".tmp", "w", encoding="utf-8") as file:
                json.dump(list(self.records.values()), file)
            os.replace(self.options.state + ".tmp", self.options.state)

    @staticmethod
    def public(record):
        return {key: value for key, value in record.items() if key not in ("deleted",)}

    def caller(self, authorization):
        """The live record of the bearer token, with its last access noted; None when there is none."""
        if not authorization or not authorization.startswith("Bearer "):
            return None
        record = self.records.get(jti_of(authorization[len("Bearer "):]))
        if record is None or record["deleted"]:
            return None
        record["lastAccessed"] = now_iso()
        self.save()
        return record

    def revoked(self, authorization):
        record = self.records.get(jti_of((authorization or "")[len("Bearer "):]))
        return record is not None and record["deleted"]

    def create(self, body, issuer):
        self.counter += 1
        token_id = f"t-new-{self.counter}"
        now = int(time.time())
        jwt = mint_token({"uid": "u-" + self.options.account, "iss": issuer, "iat": now, "jti": token_id},
                         b"fake-signature-" + token_id.encode())
        record = {"description": body.get("description", ""), "issuedAt": now_iso(), "lastAccessed": None,
                  "tokenId": token_id, "ownerId": "u-" + self.options.account, "scopes": body.get("scopes", {}),
                  "deleted": False}
        self.records[token_id] = record
        self.save()
        return {**self.public(record), "token": jwt}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeTriplyDB/1.0"

    def log_message(self, format, *args):  # keep test output readable
        pass

    @property
    def options(self):
        return self.server.options

    def record(self, body=None):
        if not self.options.record:
            return
        entry = {"method": self.command, "path": self.path, "headers": dict(self.headers.items())}
        if body is not None:
            entry["body"] = body
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
        if path.startswith("/accounts/"):
            return self.tokens_route(path, None)
        return self.send(404, {"message": "Not found."})

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8", errors="replace") if length else ""

    def do_POST(self):
        self.other_method()

    def do_DELETE(self):
        self.other_method()

    def do_PATCH(self):
        self.other_method()

    def other_method(self):
        body = self.read_body()
        self.record(body)
        path = self.path.split("?", 1)[0]
        if self.options.mode == "redirect" and self.headers.get("Host", "").rsplit(":", 1)[0] != "localhost":
            return self.send(307, {"message": "moved"}, extra=[("Location", self.base_url("localhost") + self.path)])
        if not path.startswith("/accounts/"):
            return self.send(404, {"message": "Not found."})
        self.tokens_route(path, body)

    def tokens_route(self, path, body):
        """/accounts/{account}/tokens and /accounts/{account}/tokens/{tokenId}, as typed."""
        parts = [urllib.parse.unquote(part) for part in path.strip("/").split("/")]
        hostile = HOSTILE if self.options.hostile else ""
        if len(parts) not in (3, 4) or parts[2] != "tokens" or parts[1] != self.options.account + hostile:
            return self.send(404, {"message": "Not found."})
        for rule in self.options.fail:
            method, status = rule.split(":")
            if method == self.command:
                return self.send(int(status), {"message": {"401": "Unauthorized.", "403": "Forbidden."}.get(
                    status, "Internal server error.") + hostile})
        tokens = self.server.tokens
        with tokens.lock:
            caller = tokens.caller(self.headers.get("Authorization"))
            needed = ("a",) if self.command in ("PATCH", "DELETE") else ("a", "c")
            if caller is None or not set(caller["scopes"].get("tok", [])) & set(needed):
                return self.send(401, {"message": "Unauthorized." + hostile})
            if len(parts) == 3:
                if self.command == "GET":
                    live = [tokens.public(r) for r in tokens.records.values() if not r["deleted"]]
                    return self.send(200, live)
                if self.command == "POST":
                    try:
                        request = json.loads(body)
                    except ValueError:
                        return self.send(400, {"message": "Invalid JSON."})
                    return self.send(201, tokens.create(request, self.base_url("127.0.0.1")))
                return self.send(405, {"message": "Method not allowed."})
            record = tokens.records.get(parts[3])
            if record is None or record["deleted"]:
                return self.send(404, {"message": "Token not found."})
            if self.command == "DELETE":
                record["deleted"] = True
                tokens.save()
                return self.send(204, "")
            if self.command == "PATCH":
                record.update({k: v for k, v in json.loads(body).items() if k in ("description", "scopes")})
                tokens.save()
            return self.send(200, tokens.public(record))

    def send_info(self):
        base = self.base_url("127.0.0.1")
        api = base + "/_api" if self.options.mode == "console" else base
        name = self.options.instance_name + (HOSTILE if self.options.hostile else "")
        self.send(200, {"branding": {"name": name}, "consoleUrl": base,
                        "apiUrl": api, "version": "25.11.0"})

    def send_me(self):
        authorization = self.headers.get("Authorization")
        with self.server.tokens.lock:
            if self.server.tokens.revoked(authorization):
                return self.send(401, {"message": "Unauthorized."})
            self.server.tokens.caller(authorization)  # notes the last access
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
    server.tokens = Tokens(options)
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
