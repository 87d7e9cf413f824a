"""Secrets never leak: every output stream of every command (errors, --help, --json, hostile
files, doctor when it exists) is searched for any run of more than 4 characters of the token.
Only the streams whose job is the token (token's and env's standard output, exec's child) may
hold it, and exec passes it in the environment, never as an argument."""
import os
import re

from support import *

secret = mint_token({"uid": "leak-test", "iss": "https://api.triplydb.com", "jti": "Qz7vK2pW9xR4mT8n"}, signature=os.urandom(32))
other = mint_token({"uid": "other", "iss": "https://api.triplydb.com"})
runs_of_five = {secret[i:i + 5] for i in range(len(secret) - 4)}
scanned = {"streams": 0, "commands": 0}


def leaks(text):
    return sorted({text[i:i + 5] for i in range(len(text) - 4)} & runs_of_five)


def scan(what, *streams):
    for name, text in streams:
        scanned["streams"] += 1
        hits = leaks(text)
        check(not hits, f"{what}: {name} holds {len(hits)} runs of the token's characters, e.g. {hits[:3]}")


def probe(*args, stdin="", env=None, allowed=()):
    status, out, err = run(*args, stdin=stdin, env={"TRIPLYDB_TOKEN": secret, **(env or {})})
    scanned["commands"] += 1
    scan(" ".join(args), *[(n, t) for n, t in (("stdout", out), ("stderr", err)) if n not in allowed])
    return status, out, err


def good_file():
    write_profiles(profile_yaml({"prod": ("https://api.triplydb.com", secret), "other": ("https://api.triplydb.com", other)}, default="prod"))


# The search itself finds the token where it is meant to be.
good_file()
check(leaks(run("token", "prod")[1]) != [], "the search finds the token in 'token prod'")
check(leaks("...." + secret[10:15] + "....") != [], "the search finds 5 characters of the token")
check(leaks("****" + secret[-4:]) == [], "the masked token (last 4 characters) is allowed")

status, out, err = probe("--help")
commands = re.findall(r"^  ([a-z]+) ", out, re.M)
check(len(commands) >= 10, f"the command list: {commands}")
probe("--version")
probe("lst")
for command in commands:
    probe(command, "--help")
    probe(command, "--bogus-option")

for env in ({}, {"TRIPLYDB_PROFILE": "prod"}, {"TRIPLYDB_PROFILE": "other"}, {"TRIPLYDB_PROFILE": "gone"}):
    for args in [("list",), ("list", "--json"), ("list", "--names"), ("show", "prod"), ("show", "prod", "--json"), ("show", "prdo"),
                 ("current",), ("default",), ("env", "--unset", "--shell", "bash"), ("env", "prod", "--shell", "csh"), ("env", "prdo", "--shell", "bash"),
                 ("token", "prdo"), ("exec", "prdo", "--", "true"), ("exec", "prod"), ("exec", "prod", "--", "/no/such/program"),
                 ("whoami", "--help"), ("completion", "bash"), ("init", "bash")]:
        probe(*args, env=env)
    if "doctor" in commands:
        probe("doctor", env=env)

for shell in ("bash", "zsh", "fish", "pwsh", "posix", "dotenv", "json"):
    status, out, err = probe("env", "prod", "--shell", shell, allowed=("stdout",))
    check(secret in out, f"env --shell {shell} prints the token")
status, out, err = probe("token", "prod", allowed=("stdout",))
expect_equal(out, secret + "\n", "token prints the token")
expect_equal(probe("exec", "prod", "--", "printenv", "TRIPLYDB_TOKEN", allowed=("stdout",))[1], secret + "\n", "exec passes the token in the environment")
status, out, err = probe("exec", "prod", "--", "cat", "/proc/self/cmdline")
expect_equal(out.split("\0"), ["cat", "/proc/self/cmdline", ""], "exec's child gets no token among its arguments")

# Adding: rejected, duplicate, expired, mismatching tokens; --from-env.
probe("add", "prod", "--no-verify", stdin=secret + "\n")
probe("add", "third", "--no-verify", "--from-env")
probe("add", "fourth", "--no-verify", "--instance", "https://api.example.org", stdin=secret + "\n")
probe("add", "expired", "--no-verify", stdin=mint_token({"uid": "u", "exp": 1000000000, "jti": secret[:40]}) + "\n")
for broken in (secret[:40] + "'" + secret[40:], secret[:40] + " " + secret[40:], secret.replace(".", "", 1), secret + ".x",
               secret[:30] + "\u00e9" + secret[30:], secret[:20] + "\n" + secret[20:], secret.split(".")[0] + ".bm90IGpzb24." + secret.split(".")[2]):
    probe("add", "broken", "--no-verify", stdin=broken + "\n")
    probe("add", "broken", "--no-verify", "--from-env", env={"TRIPLYDB_TOKEN": broken})
probe("rename", "prod", "prod2")
probe("rename", "prod2", "prod")
probe("default", "prod")
probe("remove", "third")

# Hostile files with the token in them, in all the wrong places.
head, body, signature = secret.split(".")
for text in [
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: \"{secret[:50]}\\n{secret[50:]}\"\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: \"{secret[:50]}'{secret[50:]}\"\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: {secret}\n  [: x\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: \"{secret}\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: [{secret}]\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: {{{secret}: x}}\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: {secret}\n    token: {secret}\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: {head}.{body}\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: {head}.bm90IGpzb24.{signature}\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: {secret}\n  prod:\n    instance: x\n    token: {secret}\n",
    f"version: 1\nprofiles:\n  {secret}:\n    instance: https://api.triplydb.com\n    token: {other}\n",
    f"version: 1\ndefault: {secret}\nprofiles: {{}}\n",
    f"version: {secret}\n",
    f"{secret}\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token_command: \"{secret} | x\"\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token_command: [printf, \"%s x\", {secret}]\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token_command: [/bin/sh, -c, \"printf {secret}; exit 3\"]\n",
    f"version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token_command: [{secret}]\n",
]:
    write_profiles(text)
    for args in [("list",), ("list", "--json"), ("show", "prod", "--json"), ("env", "prod", "--shell", "bash"), ("token", "prod"),
                 ("current",), ("default", "prod")]:
        probe(*args, env={"TRIPLYDB_PROFILE": "prod"})
    if "doctor" in commands:
        probe("doctor")
# The commands about a token on its instance, against the fake instance of the network tests: what
# the instance answers (and rotate's new token) is shown masked or not at all.
import subprocess
import sys
import json as _json
seeds = os.path.join(WORK, "seeds.json")
with open(seeds, "w") as f:
    _json.dump([{"tokenId": "Qz7vK2pW9xR4mT8n", "description": "leak test", "scopes": {"ds": ["r"], "tok": ["c", "a"]}},
                {"tokenId": "other-1", "description": "other", "scopes": {"ds": ["r"]}}], f)


def fake_instance(*args):
    server = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "net", "server.py"),
                               "--tokens", seeds, "--lifetime", "60", *args], stdout=subprocess.PIPE, text=True)
    return server, f"http://127.0.0.1:{int(server.stdout.readline())}"


for args, commands_to_probe in [((), [("whoami", "net"), ("whoami", "net", "--json"), ("show", "net", "--online"),
                                      ("show", "net", "--online", "--json"), ("tokens", "net"), ("tokens", "net", "--json"),
                                      ("revoke", "--token-id", "nope", "--with", "net")]),
                                (("--fail", "POST:500"), [("rotate", "net")]),
                                (("--fail", "DELETE:403"), [("revoke", "net"), ("revoke", "--token-id", "other-1", "--with", "net")]),
                                (("--mode", "401"), [("whoami", "net"), ("rotate", "net"), ("revoke", "net"), ("tokens", "net")]),
                                (("--hostile", "--fail", "DELETE:500"), [("rotate", "net")]),
                                ((), [("rotate", "net")]),
                                ((), [("revoke", "net")])]:
    server, url = fake_instance(*args)
    live = mint_token({"uid": "leak-test", "iss": url, "jti": "Qz7vK2pW9xR4mT8n"}, signature=secret.split(".")[2].encode())
    runs_of_five.update(live[i:i + 5] for i in range(len(live) - 4))
    write_profiles(f"version: 1\nprofiles:\n  net:\n    instance: {url}\n    token: {live}\n")
    for probe_args in commands_to_probe:
        status, out, err = probe(*probe_args)
        if not args and probe_args[0] != "revoke" or (not args and probe_args == ("revoke", "net")):
            expect_equal(status, 0, f"{' '.join(probe_args)} against the fake instance: exit status ({err.strip()})")
        if probe_args[0] == "rotate":  # the new token, if one was stored, is no more printed than the old one
            new = run("token", "net")[1].strip()
            if new != live:
                check(new not in out + err, f"{' '.join(probe_args)}: the new token is not printed")
                check(status in (0, 1), f"{' '.join(probe_args)}: exit status {status}")
    server.kill()
    server.wait()
    server.stdout.close()

print(f"RESULT commands={scanned['commands']} streams={scanned['streams']} hostile_files=18")
finish()
