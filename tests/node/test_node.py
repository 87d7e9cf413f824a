#!/usr/bin/env python3
"""TriplyDB.js agrees with us: given the environment `triplydb-profile exec` sets, App.get({token})
reaches the same instance and reads the same account as `triplydb-profile whoami`.

Usage: test_node.py PROGRAM [unittest arguments]. Needs `npm install` in this folder (CI does it).
"""
import json
import os
import shutil
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "net"))
import netlib  # noqa: E402
from netlib import header, make_token  # noqa: E402

SKIP = 77  # CTest SKIP_RETURN_CODE


class TriplyDbJsTest(netlib.ProgramTest, unittest.TestCase):
    def test_exec_gives_triplydb_js_the_same_instance_and_account(self):
        server = self.server("--account", "acme-data", "--account-type", "org")
        token = make_token(server.url, uid="u-acme")
        added = self.run_program("add", "acme", input=token)
        self.assertEqual(added.returncode, 0, added.stderr)
        ours = json.loads(self.run_program("whoami", "acme", "--json").stdout)

        node = self.run_program("exec", "acme", "--", shutil.which("node"), str(HERE / "whoami.mjs"),
                                timeout=60, PATH=os.environ["PATH"])
        self.assertEqual(node.returncode, 0, node.stderr)
        theirs = json.loads(node.stdout)
        self.assertEqual(theirs, {"url": server.url, "instanceName": "Test TriplyDB", "accountName": "acme-data",
                                  "type": "org"})
        self.assertEqual((theirs["url"], theirs["accountName"], theirs["instanceName"]),
                         (ours["instance"], ours["accountName"], ours["instanceName"]))
        from_js = [r for r in server.requests() if header(r, "X-Triply-Client") == "triplydb-js"]
        self.assertEqual(sorted(r["path"].split("?")[0] for r in from_js), ["/info", "/me"])
        me = next(r for r in from_js if r["path"].startswith("/me"))
        self.assertEqual(header(me, "Authorization"), "Bearer " + token)


if __name__ == "__main__":
    if not shutil.which("node") or not (HERE / "node_modules" / "@triply" / "triplydb").is_dir():
        message = "node or @triply/triplydb missing: run 'npm install' in tests/node"
        if os.environ.get("CI") == "true":
            sys.exit(f"FAIL: {message}")
        print(f"SKIP: {message}")
        sys.exit(SKIP)
    netlib.main(globals())
