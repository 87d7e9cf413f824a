"""token_command: the token comes from a command (a script here, and `pass` for real). It runs for
env, token and exec only, never for list, show, current or completion; its failure is a clear
error with nothing on standard output. It gets no TRIPLYDB_ variable, stays in our process group,
and what it leaves running is ended when it has exited."""
import os
import stat
import subprocess
import time

from support import *

token = mint_token({"uid": "u1", "iss": "https://api.triplydb.com", "jti": "from-command"})
runs = os.path.join(WORK, "runs")
helper = os.path.join(WORK, "bin", "print-token")
os.makedirs(os.path.dirname(helper))
with open(helper, "w") as f:
    f.write('#!/bin/sh\n# Counts its runs, then behaves as its first argument says.\necho run >>"$RUNS"\n'
            'case "$1" in ok) printf "%s\\nsecond line\\n" "$TOKEN_TO_PRINT";; fail) echo "vault locked" >&2; exit 4;;'
            ' junk) echo "not a token at all";;'
            ' env) env >"$ENV_DUMP"; cut -d" " -f5,6 /proc/$$/stat /proc/$PPID/stat >>"$ENV_DUMP";'
            ' [ -z "${TRIPLYDB_TOKEN+set}" ] && printf "%s\\n" "$TOKEN_TO_PRINT";;'
            ' background) sleep 600.123 & printf "%s\\n" "$TOKEN_TO_PRINT";;'
            ' background-fail) (sleep 600.124 &); exit 4;; esac\n')
os.chmod(helper, 0o755)
ENV.update(RUNS=runs, TOKEN_TO_PRINT=token, PATH=os.path.dirname(helper) + os.pathsep + ENV["PATH"])


def run_count():
    return len(open(runs).read().splitlines()) if os.path.exists(runs) else 0


def write(command_yaml, extra=""):
    write_profiles("version: 1\ndefault: vault\nprofiles:\n  vault:\n    instance: https://api.triplydb.com\n"
                   f"    token_command: {command_yaml}\n    account: acme\n{extra}")


write("[print-token, ok]")
for command in [("list",), ("list", "--names"), ("list", "--json"), ("show", "vault"), ("show", "vault", "--json"), ("default",),
                ("rename", "vault", "vault2"), ("rename", "vault2", "vault")]:
    status, out, err = run(*command, env={"TRIPLYDB_PROFILE": "vault", "TRIPLYDB_TOKEN": "x"})
    expect_equal((status, err), (0, ""), f"{' '.join(command)} succeeds")
expect_equal(run("current", env={"TRIPLYDB_PROFILE": "vault", "TRIPLYDB_TOKEN": "x"})[:2], (0, "vault\n"), "current")
expect_equal(run_count(), 0, "list, show, default, rename and current never run the command")
status, out, err = run("list")
check("(command)" in out and "expiry unknown" in out, f"list says where the token comes from: {out!r}")
status, out, err = run("show", "vault")
check("command      print-token ok\n" in out, f"show names the command: {out!r}")
expect_equal(run("list", "--names")[1], "vault\n", "list --names")
check("    token_command: [print-token, ok]\n" in open(PROFILES).read(), "rename keeps token_command as it was written")

expect_equal(run("token", "vault"), (0, token + "\n", ""), "token prints the first line the command printed")
expect_equal(run("env", "vault", "--shell", "bash"),
             (0, f"export TRIPLYDB_TOKEN='{token}'\nexport TRIPLYDB_API='https://api.triplydb.com'\nexport TRIPLYDB_PROFILE='vault'\n"
                 "export TRIPLYDB_ACCOUNT='acme'\n", ""), "env")
expect_equal(run("exec", "vault", "--", "printenv", "TRIPLYDB_TOKEN"), (0, token + "\n", ""), "exec")
expect_equal(run_count(), 3, "the command ran once for each of token, env and exec")

write("'print-token ok'")
expect_equal(run("token", "vault")[:2], (0, token + "\n"), "a string is split into words like a shell would")

write("[print-token, fail]")
for command in [("token", "vault"), ("env", "vault", "--shell", "bash"), ("exec", "vault", "--", "true")]:
    expect_equal(run(*command), (1, "", "vault locked\ntriplydb-profile: profile 'vault': token_command failed: 'print-token' exited with status 4\n"),
                 f"{command[0]}: a failing command is an error naming the profile, with nothing on standard output")
write("[print-token, junk]")
expect_equal(run("env", "vault", "--shell", "fish"),
             (1, "", "triplydb-profile: profile 'vault': token_command did not print a token: the token is not a TriplyDB API token: "
                     "it contains a space at character 4\n"), "output that is not a token is refused and not repeated")
write("[no-such-password-manager]")
expect_equal(run("token", "vault"),
             (1, "", "triplydb-profile: profile 'vault': token_command failed: cannot run 'no-such-password-manager': No such file or directory\n"),
             "a missing program")

# The command gets the user's environment, but no TRIPLYDB_ variable: the shell's TRIPLYDB_TOKEN is
# the token of the profile that is active, not of this one. It prints the token only if it has none.
env_dump = os.path.join(WORK, "env-of-command")
write("[print-token, env]")
status, out, err = run("token", "vault", env={"ENV_DUMP": env_dump, "TRIPLYDB_TOKEN": "token-of-the-active-profile",
                                              "TRIPLYDB_PROFILE": "prod", "TRIPLYDB_API": "https://api.example.org"})
expect_equal((status, out, err), (0, token + "\n", ""), "the command does not see TRIPLYDB_TOKEN")
dump = open(env_dump).read().splitlines()
expect_equal([line for line in dump if line.startswith("TRIPLYDB_")], [], "no TRIPLYDB_ variable reaches the command")
check(f"ENV_DUMP={env_dump}" in dump and f"HOME={ENV['HOME']}" in dump, "the rest of the environment does")
# Its process group and session are ours (the last two lines: the command, then its parent, us):
# a password manager that asks on the terminal is not stopped for reading it.
check(len(dump) >= 2 and dump[-1] == dump[-2], f"the command's process group and session are ours: {dump[-2:]}")


def sleeps_left(marker):
    return subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()


def timed_run(*args):
    """run(), but a program still waiting (or whose standard error is still open) after 20 s is a result too."""
    try:
        return run(*args, timeout=20)[:2]
    except subprocess.TimeoutExpired:
        return "still waiting after 20 s"


# A command that leaves a background process holding its standard output (and our standard error):
# we return once the command has exited, and the background process is gone.
write("[print-token, background]")
started = time.monotonic()
result = timed_run("token", "vault")
took = time.monotonic() - started
expect_equal(result, (0, token + "\n"), "token with a background process left by the command")
check(took < 1.0, f"token returns as soon as the command has exited: took {took:.3f} s")
expect_equal(sleeps_left("sleep 600.123"), [], "the background process of the command is gone")
write("[print-token, background-fail]")
expect_equal(timed_run("env", "vault", "--shell", "bash"), (1, ""), "a failing command with a background process")
expect_equal(sleeps_left("sleep 600.124"), [], "the background process of a failing command is gone")
for pid in sleeps_left("sleep 600.123") + sleeps_left("sleep 600.124"):  # a failure must not keep CTest waiting
    os.kill(int(pid), 9)

# Mistakes in the file are reported where they are.
for yaml_text, message in [
    ("print-token ok | head -1", "6:20: profile 'vault': 'token_command': '|' would be shell syntax, but no shell runs this command at character 16; "
                                 "quote it, or write the command as a YAML list"),
    ("[]", "6:20: profile 'vault': 'token_command' names no program"),
    ("{a: b}", "6:20: profile 'vault': 'token_command' must be text or a list of words, not a mapping"),
    ("[print-token, [ok]]", "6:34: profile 'vault': 'token_command' must list text, not a list"),
    ("\"print-token 'ok\"", "6:20: profile 'vault': 'token_command': a single quote at character 13 is not closed"),
]:
    write(yaml_text)
    expect_equal(run("list"), (1, "", f"triplydb-profile: {PROFILES}:{message}\n"), f"token_command: {yaml_text}")
write("[print-token, ok]", extra=f"    token: {token}\n")
expect_equal(run("list"), (1, "", f"triplydb-profile: {PROFILES}:6:20: profile 'vault' has both 'token' and 'token_command'; keep one of them\n"),
             "both token and token_command")

# For real: a token kept in pass (the standard Unix password manager, gpg-encrypted).
pass_program = require_tool("pass")
gnupg = os.path.join(WORK, "gnupg")
os.makedirs(gnupg, mode=0o700)
store_env = {**ENV, "GNUPGHOME": gnupg, "PASSWORD_STORE_DIR": os.path.join(WORK, "password-store")}
try:
    subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "triplydb-test@example.invalid", "default", "default", "never"],
                   env=store_env, check=True, capture_output=True, timeout=60)
    subprocess.run([pass_program, "init", "triplydb-test@example.invalid"], env=store_env, check=True, capture_output=True, timeout=60)
    subprocess.run([pass_program, "insert", "--multiline", "triplydb/prod"], input=f"{token}\nlogin: me\n", text=True, env=store_env,
                   check=True, capture_output=True, timeout=60)
    ENV.update(GNUPGHOME=gnupg, PASSWORD_STORE_DIR=store_env["PASSWORD_STORE_DIR"])
    write("pass show triplydb/prod")
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=store_env, capture_output=True, timeout=30)
    expect_equal(run("token", "vault"), (0, token + "\n", ""), "pass show: the token from the password store")
    agent = subprocess.run(["gpg-connect-agent", "--no-autostart", "/bye"], env=store_env, capture_output=True, timeout=30)
    expect_equal(agent.returncode, 0, "the gpg-agent that pass started is still running, so that it keeps its passphrase cache")
    expect_equal(run("exec", "vault", "--", "printenv", "TRIPLYDB_TOKEN")[:2], (0, token + "\n"), "pass show: exec")
    check(token not in open(PROFILES).read(), "the token is not in the profiles file")
    write("pass show triplydb/missing")
    status, out, err = run("env", "vault", "--shell", "bash")
    expect_equal((status, out), (1, ""), "pass show of a missing entry fails with nothing on standard output")
    check(err.endswith("triplydb-profile: profile 'vault': token_command failed: 'pass' exited with status 1\n"), f"pass failure message: {err!r}")
finally:
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=store_env, capture_output=True, timeout=30)
finish()
