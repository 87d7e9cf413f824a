"""profiles/project.schema.json against the program's own reader of .triplydb.yaml (through
`allow`, which refuses a file it cannot read), with ajv: every case gets the same verdict from both.
Usage: test_project_schema.py PATH_TO_triplydb-profile"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import SOURCE_DIR, Checks, private_env, require_tool  # noqa: E402

PROGRAM = str(Path(sys.argv[1]).resolve())
HEAD = "version: 1\ninstance: https://api.triplydb.com\n"
CASES = [
    ("minimal", HEAD, True),
    ("account and vars", HEAD + "account: acme\nvars:\n  ETL_STAGE: acceptance\n  N: 3\n  EMPTY:\n", True),
    ("http to localhost", "version: 1\ninstance: http://localhost:7000\n", True),
    ("no version", "instance: https://api.triplydb.com\n", False),
    ("version 2", "version: 2\ninstance: https://api.triplydb.com\n", False),
    ("no instance", "version: 1\n", False),
    ("plain http elsewhere", "version: 1\ninstance: http://data.example\n", False),
    ("a token", HEAD + "token: eyJ\n", False),
    ("vars is a list", HEAD + "vars: [a]\n", False),
    ("a var is a list", HEAD + "vars:\n  A: [1]\n", False),
    ("PATH", HEAD + "vars:\n  PATH: /tmp\n", False),
    ("LD_PRELOAD", HEAD + "vars:\n  LD_PRELOAD: x.so\n", False),
    ("TRIPLYDB_TOKEN", HEAD + "vars:\n  TRIPLYDB_TOKEN: x\n", False),
    ("ENV", HEAD + "vars:\n  ENV: production\n", False),
    ("a name with a dash", HEAD + "vars:\n  A-B: x\n", False),
]


def main():
    node = require_tool("node")
    checks = Checks("schema.project")
    validator = SOURCE_DIR / "tests" / "schema" / "validate.mjs"
    with tempfile.TemporaryDirectory(prefix="triplydb-project-schema-") as tmp:
        root = Path(tmp)
        env = private_env(root, root / "profiles.yaml")
        for label, text, valid in CASES:
            folder = root / label.replace(" ", "-")
            folder.mkdir()
            (folder / ".triplydb.yaml").write_text(text)
            loader = subprocess.run([PROGRAM, "allow"], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
            schema = subprocess.run([node, str(validator), "--json", str(folder / ".triplydb.yaml")], capture_output=True, text=True,
                                    env=dict(os.environ, TRIPLYDB_SCHEMA="project.schema.json"), timeout=60)
            verdict = json.loads(schema.stdout.splitlines()[0]) if schema.stdout else {"valid": None, "errors": [schema.stderr]}
            checks.equal(loader.returncode == 0, valid, f"{label}: the program's verdict ({loader.stderr.strip()})")
            checks.equal(verdict["valid"], valid, f"{label}: the schema's verdict ({verdict['errors']})")
    checks.finish()


if __name__ == "__main__":
    main()
