#!/usr/bin/env python3
"""TriplyDB.js agrees with us: given the environment `triplydb-profile exec` sets, App.get({token})
reaches the same instance and reads the same account as `triplydb-profile whoami`; and in a bash
that cds into a project folder, it reaches the instance of the project's profile, and the shell's
own one again after leaving.

Usage: test_node.py PROGRAM [unittest arguments]. Needs `npm install` in this folder (CI does it).
"""
import json
import os
import shlex
import shutil
import subprocess
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

    def test_triplydb_js_after_cd_into_a_project_reaches_the_projects_instance(self):
        project_server = self.server("--account", "acme-data", "--account-type", "org")
        own_server = self.server("--account", "someone", "--account-type", "user")
        month = 30 * 86400
        tokens = {"acme": make_token(project_server.url, uid="u-acme", jti="j-acme", exp_in=month),
                  "mine": make_token(own_server.url, uid="u-mine", jti="j-mine", exp_in=month)}
        for name, token in tokens.items():
            added = self.run_program("add", name, input=token)
            self.assertEqual(added.returncode, 0, added.stderr)
        project = self.home / "pipeline"
        (project / "src").mkdir(parents=True)
        (project / ".triplydb.yaml").write_text(f"version: 1\ninstance: {project_server.url}\n")
        node = shlex.join([shutil.which("node"), str(HERE / "whoami.mjs")])
        # As a TriplyETL user's shell: its own profile first, then into the project and out again.
        # A script runs bash's PROMPT_COMMAND itself (an interactive bash runs it at each prompt).
        script = "\n".join([
            "set -euo pipefail",
            f'eval "$({shlex.quote(self.program)} init bash)"',
            "triplydb use mine",
            f"(cd {shlex.quote(str(project))} && triplydb allow >/dev/null)",
            node,
            f"cd {shlex.quote(str(project / 'src'))}", 'eval "$PROMPT_COMMAND"',
            'printf "%s %s\\n" "$TRIPLYDB_PROFILE" "$TRIPLYDB_PROFILE_SOURCE"', node,
            f"cd {shlex.quote(str(self.home))}", 'eval "$PROMPT_COMMAND"', node, ""])
        ran = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True, timeout=120,
                             cwd=self.home, env=netlib.clean_environment(self.home, PATH=os.environ["PATH"]))
        self.assertEqual((ran.returncode, ran.stderr), (0, ""))
        lines = ran.stdout.splitlines()
        self.assertEqual(lines[1], "acme project")
        urls = [json.loads(line)["url"] for line in (lines[0], lines[2], lines[3])]
        self.assertEqual(urls, [own_server.url, project_server.url, own_server.url])
        self.assertEqual(json.loads(lines[2])["accountName"], "acme-data")
        me = [r for r in project_server.requests() if r["path"].startswith("/me") and header(r, "X-Triply-Client") == "triplydb-js"]
        self.assertEqual([header(r, "Authorization") for r in me], ["Bearer " + tokens["acme"]])


if __name__ == "__main__":
    if not shutil.which("node") or not (HERE / "node_modules" / "@triply" / "triplydb").is_dir():
        message = "node or @triply/triplydb missing: run 'npm install' in tests/node"
        if os.environ.get("CI") == "true":
            sys.exit(f"FAIL: {message}")
        print(f"SKIP: {message}")
        sys.exit(SKIP)
    netlib.main(globals())
