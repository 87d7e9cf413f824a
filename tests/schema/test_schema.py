"""profiles/profiles.schema.json against the program's own loader, with ajv as the validator:
  1. profiles/example.yaml is read by the program and valid;
  2. every profiles file the end-to-end suites and a run of add/rename/default/remove leave behind
     is valid, and every input file in those suites gets the same verdict from schema and loader;
  3. each kind of bad input the loader refuses, the schema refuses too; the good edge cases pass both.
Usage: test_schema.py PATH_TO_triplydb-profile"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import SOURCE_DIR, Checks, mint_token, private_env, require_tool, run, skip_or_fail  # noqa: E402

PROGRAM = Path(sys.argv[1]).resolve()
VALIDATOR = SOURCE_DIR / "tests" / "schema" / "validate.mjs"
RECORDER = SOURCE_DIR / "tests" / "schema" / "record_profiles.bash"
TOKEN = mint_token({"uid": "u1", "iss": "https://api.triplydb.com", "iat": 1700000000, "exp": 4102444800})

# Loader checks that JSON Schema cannot express: the loader's message, and why.
INEXPRESSIBLE = {
    "its payload is not a JSON object": "the token's payload is base64url-encoded JSON; a pattern cannot decode it",
    "keys must be text": "JSON has only text keys; a YAML reader turns a list key into text",
    "a profiles file may be at most 4 MiB": "a schema sees the parsed data, not the file's size",
}

KEYRING = "{service: triplydb-profile, account: prod}"
PROFILE = f"    instance: https://api.triplydb.com\n    token: {TOKEN}\n"

# (label, file content, part of the loader's message): the loader refuses each; so must the schema.
BAD_INPUTS = [
    ("version 2", f"version: 2\nprofiles:\n  prod:\n{PROFILE}", "format version 2"),
    ("version as text", "version: one\n", "'version' must be a number"),
    ("version as a list", "version: [1]\n", "'version' must be a number"),
    ("file is a list", "- prod\n", "the file must be a mapping"),
    ("file is text", "hello\n", "the file must be a mapping"),
    ("profiles is a list", "profiles: [prod]\n", "'profiles' must be a mapping"),
    ("name starts with '-'", f"profiles:\n  -x:\n{PROFILE}", "it must start with a letter or digit"),
    ("name with a space", f"profiles:\n  bad name:\n{PROFILE}", "use only letters, digits"),
    ("name with a slash", f"profiles:\n  a/b:\n{PROFILE}", "use only letters, digits"),
    ("name of 65 characters", f"profiles:\n  {'a' * 65}:\n{PROFILE}", "the limit is 64"),
    ("profile is text", "profiles:\n  prod: x\n", "must be a mapping with 'instance' and 'token'"),
    ("profile is empty", "profiles:\n  prod:\n", "must be a mapping with 'instance' and 'token'"),
    ("no token", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n", "has no 'token'"),
    ("empty token", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token:\n", "has no 'token'"),
    ("no instance", f"profiles:\n  prod:\n    token: {TOKEN}\n", "has no 'instance'"),
    ("instance is a list", f"profiles:\n  prod:\n    instance: [a]\n    token: {TOKEN}\n", "'instance' must be text"),
    ("plain http to a remote host", f"profiles:\n  prod:\n    instance: http://data.example\n    token: {TOKEN}\n", "plain http://"),
    ("plain http to 127.0.0.1.example", f"profiles:\n  prod:\n    instance: http://127.0.0.1.example\n    token: {TOKEN}\n", "plain http://"),
    ("ftp instance", f"profiles:\n  prod:\n    instance: ftp://data.example\n    token: {TOKEN}\n", "the scheme must be https://"),
    ("instance without scheme", f"profiles:\n  prod:\n    instance: api.triplydb.com\n    token: {TOKEN}\n", "expected https://HOST"),
    ("instance with a user", f"profiles:\n  prod:\n    instance: https://me@api.triplydb.com\n    token: {TOKEN}\n", "user names and passwords"),
    ("instance with a query", f"profiles:\n  prod:\n    instance: https://api.triplydb.com/?x=1\n    token: {TOKEN}\n", "a query or fragment"),
    ("instance with a fragment", f"profiles:\n  prod:\n    instance: https://api.triplydb.com#x\n    token: {TOKEN}\n", "a query or fragment"),
    ("port above 65535", f"profiles:\n  prod:\n    instance: https://api.triplydb.com:65536\n    token: {TOKEN}\n", "the port must be a number"),
    ("empty port", f"profiles:\n  prod:\n    instance: 'https://api.triplydb.com:'\n    token: {TOKEN}\n", "the port must be a number"),
    ("host with a space", f"profiles:\n  prod:\n    instance: https://api triplydb.com\n    token: {TOKEN}\n", "the host may hold only"),
    ("path with a space", f"profiles:\n  prod:\n    instance: https://api.triplydb.com/a b\n    token: {TOKEN}\n", "space or control character"),
    ("token is a number", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: 123\n", "three parts separated by '.'"),
    ("token of two parts", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: abc.def\n", "three parts separated by '.'"),
    ("token with a quote", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: \"ab'cd.ef.gh\"\n", "a quote (')"),
    ("token with a space", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: \"ab cd.ef.gh\"\n", "a space"),
    ("token with a backslash", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: 'eyJ9.eyJ9.a\\b'\n", "'\\'"),
    ("token with a newline", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: \"eyJ9.eyJ9\\n.sig\"\n", "a newline"),
    ("token with non-ASCII", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: eyJ9.eyJ9.é\n", "a non-ASCII byte"),
    ("token header not base64url", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: a+b.e30.sig\n", "not base64url"),
    ("token payload of 5 characters", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: e30.e30ab.sig\n", "not base64url"),
    ("account is a list", f"profiles:\n  prod:\n{PROFILE}    account: [a, b]\n", "'account' must be text"),
    ("description is a mapping", f"profiles:\n  prod:\n{PROFILE}    description: {{a: b}}\n", "'description' must be text"),
    ("access that is no label", f"profiles:\n  prod:\n{PROFILE}    access: admin\n", "'access' is read, write or management"),
    ("account with an ESC", f"profiles:\n  prod:\n{PROFILE}    account: \"acme\\e[31m\"\n", "'account' holds the control character U+001B"),
    ("description with a carriage return", f"profiles:\n  prod:\n{PROFILE}    description: \"a\\rb\"\n",
     "'description' holds the control character U+000D"),
    ("description with the C1 control CSI", f"profiles:\n  prod:\n{PROFILE}    description: \"\\u009b31m\"\n",
     "'description' holds the control character U+009B"),
    ("account with DEL", f"profiles:\n  prod:\n{PROFILE}    account: \"a\\x7f\"\n", "'account' holds the control character U+007F"),
    ("default is an invalid name", f"default: bad name\nprofiles:\n  prod:\n{PROFILE}", "'default': invalid profile name"),
    ("default is a list", f"default: [prod]\nprofiles:\n  prod:\n{PROFILE}", "'default' must be text"),
    ("duplicate profile", f"profiles:\n  prod:\n{PROFILE}  prod:\n{PROFILE}", "duplicate profile 'prod'"),
    ("duplicate key in a profile", f"profiles:\n  prod:\n{PROFILE}    token: {TOKEN}\n", "duplicate key in profile 'prod'"),
    ("duplicate top-level key", "version: 1\nversion: 1\n", "duplicate top-level key 'version'"),
    ("tab indentation", f"profiles:\n\tprod:\n{PROFILE}", "a tab is used for indentation"),
    ("malformed YAML", "profiles:\n  prod: [\n", "end of sequence flow not found"),
    ("keyring and token", f"profiles:\n  prod:\n{PROFILE}    keyring: {KEYRING}\n", "has both 'token' and 'keyring'"),
    ("keyring is text", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: prod\n", "'keyring' must be a mapping"),
    ("keyring without account", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: {service: s}\n",
     "'keyring' needs 'account'"),
    ("keyring with an empty service", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: {service: '', account: a}\n",
     "'keyring' needs 'service'"),
    ("keyring with another key", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: {service: s, account: a, x: 1}\n",
     "'keyring' takes only 'service' and 'account'"),
    ("keyring account with an ESC", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: {service: s, account: \"a\\e\"}\n",
     "'account' must be at most 255 bytes without control characters"),
    ("keyring account of 256 bytes", f"profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: {{service: s, account: {'a' * 256}}}\n",
     "'account' must be at most 255 bytes"),
]

# Files both must accept: the edges of each rule.
GOOD_INPUTS = [
    ("empty file", ""),
    ("version only", "version: 1\n"),
    ("profiles empty", "version: 1\nprofiles:\n"),
    ("http to localhost with a port and path", f"profiles:\n  dev:\n    instance: http://localhost:8080/api/\n    token: {TOKEN}\n"),
    ("HTTP to LocalHost in capitals", f"profiles:\n  dev:\n    instance: HTTP://LocalHost\n    token: {TOKEN}\n"),
    ("http to 127.0.0.1:65535", f"profiles:\n  dev:\n    instance: http://127.0.0.1:65535\n    token: {TOKEN}\n"),
    ("http to [::1]", f"profiles:\n  dev:\n    instance: 'http://[::1]:3000'\n    token: {TOKEN}\n"),
    ("https to an IPv6 address", f"profiles:\n  dev:\n    instance: 'https://[2001:db8::1]:8443/_api'\n    token: {TOKEN}\n"),
    ("https with a path", f"profiles:\n  dev:\n    instance: https://data.acme.example/_api\n    token: {TOKEN}\n"),
    ("name of 64 characters", f"profiles:\n  {'a' * 64}:\n{PROFILE}"),
    ("names with . _ -", f"profiles:\n  a.b_c-d:\n{PROFILE}  9lives:\n{PROFILE}"),
    ("account and description that YAML reads as number and boolean", f"profiles:\n  prod:\n{PROFILE}    account: 123\n    description: true\n"),
    ("empty account", f"profiles:\n  prod:\n{PROFILE}    account:\n"),
    ("account and description with tabs, newlines and U+00A0", f"profiles:\n  prod:\n{PROFILE}    account: \"a\\tb\\u00a0\"\n"
     f"    description: \"two\\nlines\"\n"),
    ("access of each label", f"profiles:\n  r:\n{PROFILE}    access: read\n  w:\n{PROFILE}    access: write\n"
     f"  m:\n{PROFILE}    access: management\n"),
    ("unknown keys", f"editor: vim\nprofiles:\n  prod:\n{PROFILE}    colour: red\n"),
    ("default naming a profile called 123", f"default: 123\nprofiles:\n  '123':\n{PROFILE}"),
    ("token in the keyring", f"profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: {KEYRING}\n"),
    ("keyring account of 255 bytes", f"profiles:\n  prod:\n    instance: https://api.triplydb.com\n    keyring: {{service: s, account: {'a' * 255}}}\n"),
    ("token with padding", "profiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: e30=.e30=.sig!#$%&()*+,/:;<=>?@[]^_{|}~\n"),
]


def schema_verdicts(files):
    """ajv's verdict for each file, by path."""
    result = subprocess.run(["node", str(VALIDATOR), "--json", *map(str, files)], capture_output=True, text=True, timeout=120)
    if result.returncode not in (0, 1):
        skip_or_fail(f"validate.mjs could not run (did 'npm install' run in tests/node?): {result.stderr.strip()}")
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    return {v["file"]: v for v in verdicts}


def loader_verdict(path, work):
    """(accepted, message) from the program reading the file."""
    result = run([str(PROGRAM), "list"], private_env(work, path))
    return result.returncode == 0, result.stderr.strip()


def write_cases(work, cases, prefix):
    paths = []
    for i, (label, text, *_rest) in enumerate(cases):
        path = work / f"{prefix}-{i:02}.yaml"
        path.write_text(text)
        paths.append((label, path))
    return paths


def check_examples(checks, work):
    example = SOURCE_DIR / "profiles" / "example.yaml"
    # A copy: reading a profiles file may leave a cache beside it, which the source tree must not get.
    copy = work / "example.yaml"
    copy.write_bytes(example.read_bytes())
    accepted, message = loader_verdict(copy, work)
    checks.expect(accepted, "the program reads profiles/example.yaml", message)
    verdict = schema_verdicts([example])[str(example)]
    checks.expect(verdict["valid"], "profiles/example.yaml is valid", "; ".join(verdict["errors"]))


def check_bad_and_good(checks, work):
    bad = write_cases(work, BAD_INPUTS, "bad")
    good = write_cases(work, GOOD_INPUTS, "good")
    verdicts = schema_verdicts([p for _, p in bad + good])
    for (label, path), (_, _, fragment) in zip(bad, BAD_INPUTS):
        accepted, message = loader_verdict(path, work)
        checks.expect(not accepted and fragment in message, f"loader refuses {label}", f"expected '{fragment}', got {message!r}")
        checks.expect(not verdicts[str(path)]["valid"], f"schema refuses {label}")
    for label, path in good:
        accepted, message = loader_verdict(path, work)
        checks.expect(accepted, f"loader accepts {label}", message)
        checks.expect(verdicts[str(path)]["valid"], f"schema accepts {label}", "; ".join(verdicts[str(path)]["errors"]))


def recorded_runs(work):
    """Runs the end-to-end suites and our own add/rename/default/remove sequence through the
    recorder; returns the snapshot folder."""
    snapshots = work / "snapshots"
    snapshots.mkdir()
    env = private_env(work, work / "own" / "profiles.yaml")
    env.update(TRIPLYDB_SCHEMA_SNAPSHOTS=str(snapshots), TRIPLYDB_SCHEMA_PROGRAM=str(PROGRAM))
    for suite in sorted((SOURCE_DIR / "tests" / "e2e").glob("*.bash")):
        if suite.name != "lib.bash":
            subprocess.run(["bash", str(suite), str(RECORDER)], env=env, capture_output=True, timeout=300)
    # Values a YAML writer must take care with: numbers, booleans, null, quotes, colons, UTF-8.
    sequence = [
        (["add", "prod", "--account", "123", "--description", "true", "--no-verify"], TOKEN),
        (["add", "acme.read", "--account", "null", "--description", "~", "--no-verify"], TOKEN),
        (["add", "q", "--account", "it's \"x\"", "--description", "a: b # c\nline two\tend ünïcode", "--no-verify"], TOKEN),
        (["add", "1.5", "--no-verify"], TOKEN),
        (["default", "1.5"], ""),
        (["rename", "1.5", "yes"], ""),
        (["default", "prod"], ""),
        (["rename", "prod", "production"], ""),
        (["add", "production", "--force", "--description", "", "--no-verify"], TOKEN),
        (["remove", "acme.read"], ""),
        (["default", "--unset"], ""),
        (["remove", "q"], ""),
    ]
    for argv, stdin in sequence:
        result = run([str(RECORDER), *argv], env, stdin + "\n" if stdin else "")
        if result.returncode != 0:
            print(f"note: '{' '.join(argv)}' exited {result.returncode}: {result.stderr.strip()}")
    return snapshots


def check_recorded(checks, work):
    snapshots = recorded_runs(work)
    written, inputs = {}, {}
    for before in snapshots.glob("run.*.before"):
        inputs[before.read_bytes()] = before
    for after in snapshots.glob("run.*.after"):
        before = after.with_suffix(".before")
        if not before.exists() or before.read_bytes() != after.read_bytes():
            written[after.read_bytes()] = after
    checks.expect(len(written) >= 20, f"the runs wrote at least 20 distinct profiles files (got {len(written)})")
    files = list(written.values()) + [p for content, p in inputs.items() if content not in written]
    verdicts = schema_verdicts(files)
    refused = 0
    for path in files:
        schema = verdicts[str(path)]
        accepted, message = loader_verdict(path, work)
        is_written = path in written.values()
        if is_written:
            checks.expect(schema["valid"], f"the program wrote a valid file ({path.name})", "; ".join(schema["errors"]) + "\n" + path.read_text())
        if accepted:
            checks.expect(schema["valid"], f"schema accepts a file the loader accepts ({path.name})", "; ".join(schema["errors"]) + "\n" + path.read_text())
        else:
            refused += 1
            reason = next((why for fragment, why in INEXPRESSIBLE.items() if fragment in message), None)
            if reason:
                print(f"note: loader refuses, schema cannot say ({reason}): {message}")
            else:
                checks.expect(not schema["valid"], f"schema refuses a file the loader refuses ({path.name})", message + "\n" + path.read_text())
    checks.expect(refused >= 5, f"the suites gave the loader at least 5 bad files (got {refused})")
    print(f"recorded: {len(written)} files written by the program, {len(files) - len(written)} other inputs, {refused} refused by the loader")


def main():
    require_tool("node")
    if not (SOURCE_DIR / "tests" / "node" / "node_modules" / "ajv").is_dir():
        skip_or_fail("ajv is not installed: run 'npm install' in tests/node")
    checks = Checks("schema")
    with tempfile.TemporaryDirectory(prefix="triplydb-schema.") as tmp:
        work = Path(tmp)
        check_examples(checks, work)
        check_bad_and_good(checks, work)
        check_recorded(checks, work)
    checks.finish()


if __name__ == "__main__":
    main()
