"""`env NAME --shell dotenv` as the readers our users have read it: python-dotenv (dotenv_values and
load_dotenv, default arguments) and npm dotenv (parse and config, default options). Every account of
the round-trip suite's hostile values comes back byte for byte in both, or the program refuses it
with its message, exit 1 and nothing printed; a refusal must be needed: no plain form of the value
(single, double or no quotes, with or without escapes) reads back in both readers.
Usage: dotenv_readers.py PROGRAM NODE_FIXTURE_DIR [COUNT]"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import harness
import round_trip

KEYS = ["TRIPLYDB_TOKEN", "TRIPLYDB_API", "TRIPLYDB_PROFILE", "TRIPLYDB_ACCOUNT"]
# Values that a dotenv file can carry to both readers: refusing one of these is a failure.
# (An account holds no carriage return: the loader refuses control characters but tab and newline.)
MUST_READ_BACK = ["$VAR", "$HOME/x", "it's", "a\\\\b", "it's a\\b", "ends\\", "#hash", "x # y", "x\ny",
                  "line\n\"q\"", "it's\nx", "caf\u00e9 \U0001F600", "`tick`", "\"dq\"", "$(touch M)", "${",
                  "${a:b}", "\\n", "a\tb", " lead", "trail ", "\u00a0nbsp\u00a0", "a\u2028'b'", "'", '"', "`", "\\"]
# Values that python-dotenv expands with its default arguments, whatever the quoting.
EXPANDED = ["${HOME}", "${X:-y}", "it's ${HOME}", "x${}y"]
# python-dotenv's own pattern (dotenv/variables.py): what it replaces.
PYTHON_DOTENV_VARIABLE = re.compile(r"\$\{[^}:]*(?::-[^}]*)?\}")
REFUSED = "cannot be written for dotenv: TRIPLYDB_ACCOUNT:"
REFUSALS = {
    "variable": "python-dotenv would replace the ${...} in the value with a variable's value, whatever the quoting",
    "neither": "no dotenv quoting reads the value back unchanged in both python-dotenv and npm dotenv",
}

PYTHON_READER = r"""
import json, os, sys
import dotenv
out = {"version": getattr(dotenv, "__version__", None) or __import__("importlib.metadata").metadata.version("python-dotenv")}
for path in json.load(open(sys.argv[1])):
    values = dict(dotenv.dotenv_values(path))
    for key in list(os.environ):
        if key.startswith("TRIPLYDB_") or key == "Z":
            del os.environ[key]
    dotenv.load_dotenv(path)
    loaded = {k: v for k, v in os.environ.items() if k.startswith("TRIPLYDB_") or k == "Z"}
    out[path] = [values, loaded]
json.dump(out, open(sys.argv[2], "w"))
"""

NODE_READER = r"""
const fs = require("fs");
const dotenv = require(require.resolve("dotenv", { paths: [process.argv[1]] }));
const out = { version: require(require.resolve("dotenv/package.json", { paths: [process.argv[1]] })).version };
for (const path of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
  const target = {};
  dotenv.config({ path, processEnv: target });
  out[path] = [dotenv.parse(fs.readFileSync(path)), target];
}
fs.writeFileSync(process.argv[3], JSON.stringify(out));
"""


def python_readers():
    """Every Python here that imports dotenv: this one and Debian's (python3-dotenv), if they differ."""
    found = []
    for python in dict.fromkeys([sys.executable, "/usr/bin/python3"]):
        if os.path.exists(python) and subprocess.run([python, "-c", "import dotenv"], capture_output=True).returncode == 0:
            found.append(python)
    return found


def read_all(box, paths, pythons, node_dir):
    """{reader label: {path: [{key: value} as each entry point of that reader read it]}}."""
    listing = box.dir / "paths.json"
    listing.write_text(json.dumps([str(p) for p in paths]))
    results = {}
    for python in pythons:
        out = box.dir / "python.json"
        # python-dotenv warns on stderr of what it cannot parse; what it read is what counts.
        subprocess.run([python, "-c", PYTHON_READER, str(listing), str(out)], check=True, cwd=box.dir,
                       env={"PATH": os.environ.get("PATH", ""), "HOME": str(box.home)}, capture_output=True)
        data = json.loads(out.read_text())
        results[f"python-dotenv {data.pop('version')} ({python})"] = data
    out = box.dir / "node.json"
    subprocess.run(["node", "-e", NODE_READER, str(node_dir), str(listing), str(out)], check=True, cwd=box.dir,
                   env={"PATH": os.environ.get("PATH", ""), "HOME": str(box.home)}, capture_output=True)
    data = json.loads(out.read_text())
    results[f"npm dotenv {data.pop('version')}"] = data
    return results


def disagreements(results, path, expected):
    """The readers (and entry points) that did not read exactly `expected` from path."""
    bad = []
    for label, data in results.items():
        for entry, got in zip(("values", "loaded"), data[str(path)]):
            if got != expected:
                bad.append(f"{label} {entry}: {got!r}")
    return bad


def plain_forms(value):
    """The forms a dotenv writer could choose: quoted with or without escapes, and bare."""
    lines = value.replace("\n", "\\n").replace("\r", "\\r")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return ["'" + value + "'", "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'", '"' + lines + '"',
            '"' + escaped + '"', "`" + value + "`", value]


def main():
    program, node_dir = sys.argv[1], Path(sys.argv[2]).resolve()
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    seed = int(os.environ.get("TRIPLYDB_ROUND_TRIP_SEED", "20261127"))
    pythons = python_readers()
    if not pythons:
        harness.skip_or_fail("python-dotenv is not installed (Debian: python3-dotenv)")
    if not shutil.which("node") or not (node_dir / "node_modules" / "dotenv").is_dir():
        harness.skip_or_fail(f"node or npm dotenv is missing (npm install in {node_dir})")
    box = harness.Sandbox(program)
    passed, failed = 0, 0

    def check(ok, what, detail=()):
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)
        if not ok:
            print("FAIL " + what + "".join("\n     " + d for d in detail))

    try:
        marker = box.dir / "marker-ran"
        values = MUST_READ_BACK + EXPANDED + round_trip.generate(count, marker, random.Random(seed))
        names = [f"v{i:05d}" for i in range(len(values))]
        box.profiles.write_text(harness.profiles_yaml(
            [{"name": n, "account": v} for n, v in zip(names, values)]), encoding="utf-8")
        box.profiles.chmod(0o600)
        env = box.environment()
        printed, refused, candidates = {}, {}, []
        for i, (name, value) in enumerate(zip(names, values)):
            done = subprocess.run([box.program, "env", name, "--shell", "dotenv"], env=env, capture_output=True)
            if done.returncode == 0:
                printed[i] = box.dir / f"{name}.env"
                printed[i].write_bytes(done.stdout)
                continue
            refused[i] = done.stderr.decode(errors="replace")
            kind = "variable" if PYTHON_DOTENV_VARIABLE.search(value) else "neither"
            message = f"triplydb-profile: profile '{name}' {REFUSED} {REFUSALS[kind]}\n"
            check(done.returncode == 1 and done.stdout == b"" and refused[i] == message,
                  f"value {i} {value!r}: refused with exit {done.returncode}", [repr(done.stdout), refused[i]])
            for j, form in enumerate(plain_forms(value)):
                path = box.dir / f"{name}.form{j}.env"
                # Lines after it, in both quotings, as in the program's output.
                path.write_text(f"TRIPLYDB_ACCOUNT={form}\nZ='1'\nY=\"2\"\n", encoding="utf-8")
                candidates.append((i, form, path))
        results = read_all(box, [*printed.values(), *(c[2] for c in candidates)], pythons, node_dir)
        print("readers: " + ", ".join(results))
        token = harness.make_token
        for i, path in printed.items():
            expected = {"TRIPLYDB_TOKEN": token(names[i]), "TRIPLYDB_API": harness.INSTANCE,
                        "TRIPLYDB_PROFILE": names[i], "TRIPLYDB_ACCOUNT": values[i]}
            bad = disagreements(results, path, expected)
            check(not bad, f"value {i} {values[i]!r} printed as {path.read_text(encoding='utf-8')!r} reads back as", bad)
        for i in refused:
            readable = [form for (j, form, path) in candidates
                        if j == i and not disagreements(results, path, {"TRIPLYDB_ACCOUNT": values[i], "Z": "1", "Y": "2"})]
            check(not readable, f"value {i} {values[i]!r} was refused, but both readers read it back from", readable)
        for i, value in enumerate(MUST_READ_BACK):
            check(i in printed, f"{value!r} was refused: {refused.get(i, '')!r}")
        for j, value in enumerate(EXPANDED, start=len(MUST_READ_BACK)):
            check(refused.get(j) == f"triplydb-profile: profile '{names[j]}' {REFUSED} {REFUSALS['variable']}\n",
                  f"{value!r} was not refused as a ${{...}} value: {refused.get(j)!r}")
        check(not marker.exists(), "a value ran as code: the marker file exists")
        print(f"{len(values)} values (seed {seed}): {len(printed)} printed, {len(refused)} refused")
    finally:
        box.cleanup()
    print(f"dotenv_readers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
