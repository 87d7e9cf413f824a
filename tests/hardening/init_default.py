"""init never exports an empty TRIPLYDB_TOKEN: a default profile with a token_command gets its
token (the command run once, within its deadline) or is not activated, with one line on standard
error saying why. Checked in the text init prints and in a real bash that evaluates it."""
import os
import subprocess

from support import *

token = mint_token({"uid": "u1", "iss": "https://api.triplydb.com"})
counter = os.path.join(WORK, "runs")


def with_default_command(script):
    write_profiles("version: 1\ndefault: p\nprofiles:\n  p:\n    instance: https://api.triplydb.com\n"
                   f"    token_command: [sh, -c, '{script}']\n")
    if os.path.exists(counter):
        os.remove(counter)


def runs():
    with open(counter) as f:
        return len(f.readlines())


def token_in_bash():
    script = f'eval "$("{TDB}" init bash)"; printf "%s" "${{TRIPLYDB_TOKEN-unset}}"'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=ENV, timeout=60)
    return done.stdout


with_default_command(f"echo run >> {counter}; exit 3")
status, out, err = run("init", "bash")
expect_equal(status, 0, "init with a failing token_command still prints the integration")
expect_equal(err, "triplydb-profile: the default profile was not activated: profile 'p': token_command failed: 'sh' exited with status 3\n",
             "init says why, in one line")
check("export TRIPLYDB_TOKEN" not in out and "export TRIPLYDB_PROFILE=" not in out, "init activates nothing")
expect_equal(runs(), 1, "the token_command ran once")
expect_equal(token_in_bash(), "unset", "bash after eval: TRIPLYDB_TOKEN is not set, not empty")

with_default_command(f"echo run >> {counter}; echo {token}")
status, out, err = run("init", "bash")
check(status == 0 and f"export TRIPLYDB_TOKEN='{token}'" in out, f"init exports the token the command printed ({err!r})")
expect_equal(runs(), 1, "the token_command ran once")
expect_equal(token_in_bash(), token, "bash after eval: the token")

with_default_command(f"echo run >> {counter}; echo")
status, out, err = run("init", "bash")
expect_equal(err, "triplydb-profile: the default profile was not activated: profile 'p': token_command failed: 'sh' printed no token\n",
             "a command that prints nothing activates nothing")
check("export TRIPLYDB_TOKEN" not in out, "no empty token is exported")
finish()
