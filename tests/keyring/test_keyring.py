"""Tokens in a real Secret Service (gnome-keyring in a private D-Bus session): add --keyring puts
the token there and nowhere else on disk, use/env/token/exec read it back byte for byte, rename and
both moves keep it, remove deletes it; without a bus, without a Secret Service, with a locked
keyring, a dismissed prompt or a helper that does not answer, each command says why, exits 1, prints
nothing on standard output and leaves the profiles file as it was.

Usage: test_keyring.py PATH_TO_triplydb-profile (it runs itself again inside dbus-run-session)."""
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hardening"))
from support import *  # noqa: E402,F401,F403
import support  # noqa: E402

TOOLS = ("dbus-run-session", "dbus-daemon", "gnome-keyring-daemon", "secret-tool", "gdbus")
INSIDE = "TRIPLYDB_KEYRING_SUITE_SESSION"

if os.environ.get(INSIDE) != "1":
    for tool in TOOLS:
        require_tool(tool)
    shutil.rmtree(support.WORK, ignore_errors=True)
    os.environ[INSIDE] = "1"
    os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable, os.path.abspath(__file__), *sys.argv[1:]])

for name in ("DISPLAY", "WAYLAND_DISPLAY", INSIDE):  # no prompt may be shown, but where a test asks for one
    support.ENV.pop(name, None)
ENV = support.ENV
ENV["XDG_DATA_HOME"] = os.path.join(WORK, "data")  # where gnome-keyring keeps its (encrypted) keyrings
for folder in ("home", "run", "data"):
    os.makedirs(os.path.join(WORK, folder), mode=0o700, exist_ok=True)
KEYRINGS = os.path.join(WORK, "data", "keyrings")
SERVICE = "triplydb-profile"


def token_for(uid):
    return mint_token({"uid": uid, "iss": "https://api.triplydb.com", "jti": uid + "-Qz7vK2pW"}, signature=os.urandom(32))


def runs_of_five(token):
    return {token[i:i + 5] for i in range(len(token) - 4)}


def tool(*argv, stdin=None, env=None):
    done = subprocess.run(list(argv), input=stdin, capture_output=True, text=True, env={**ENV, **(env or {})}, timeout=60)
    return done.returncode, done.stdout, done.stderr


def lookup(account):
    """What secret-tool reads from the item (service, account), or None."""
    status, out, _ = tool("secret-tool", "lookup", "service", SERVICE, "account", account)
    return out if status == 0 else None


def search(account):
    return tool("secret-tool", "search", "--all", "service", SERVICE, "account", account)[1]


def files_on_disk():
    """Every file the program and the tests wrote, but for the keyring's own."""
    for root, _dirs, files in os.walk(WORK):
        if os.path.commonpath([root, KEYRINGS]) == KEYRINGS:
            continue
        for name in files:
            path = os.path.join(root, name)
            if os.path.isfile(path):
                yield path


def expect_nowhere_on_disk(token, what, beside=()):
    """No run of 5 characters of `token` in any file, but those it shares with the tokens `beside`
    that are meant to be in the file (tokens of one issuer share their header and claim names)."""
    grams = runs_of_five(token).difference(*map(runs_of_five, beside))
    for path in files_on_disk():
        with open(path, "rb") as f:
            data = f.read().decode("latin-1")
        hits = {data[i:i + 5] for i in range(len(data) - 4)} & grams
        check(not hits, f"{what}: {path} holds runs of the token, e.g. {sorted(hits)[:3]}")


def snapshot_files():
    return [p for p in files_on_disk() if "snapshot" in os.path.basename(p)]


def profiles_text():
    with open(PROFILES) as f:
        return f.read()


def start_keyring():
    status, _, err = tool("gnome-keyring-daemon", "--unlock", "--components=secrets", stdin="test-password")
    check(status == 0, f"gnome-keyring-daemon starts: {err}")
    for _ in range(100):  # it takes the bus name a moment after it forked
        ok, out, _ = tool("gdbus", "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                          "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.secrets")
        if ok == 0 and "true" in out:
            return
        time.sleep(0.05)
    finish("gnome-keyring-daemon never took org.freedesktop.secrets")


def bash_use(name):
    """TRIPLYDB_TOKEN after `triplydb use NAME` in a real bash with the integration loaded, as hex."""
    script = 'eval "$("$PROGRAM" init bash)"; triplydb use "$1" || exit $?; printf %s "$TRIPLYDB_TOKEN" | od -An -tx1 | tr -d " \\n"'
    return tool("bash", "--norc", "--noprofile", "-c", script, "bash", name, env={"PROGRAM": TDB})


def find_pwsh():
    """pwsh, also where `dotnet tool install --global` puts it (see tests/shells/harness.py)."""
    home_tool = os.path.expanduser("~/.dotnet/tools/pwsh")
    return os.environ.get("TRIPLYDB_PWSH") or shutil.which("pwsh") or (home_tool if os.path.exists(home_tool) else None)


def shell_use(shell, name):
    if shell == "pwsh":
        script = ("$ErrorActionPreference = 'Stop'; Invoke-Expression (& $env:PROGRAM init pwsh | Out-String); "
                  f"triplydb use {name}; if ($LASTEXITCODE) {{ exit $LASTEXITCODE }}; [Console]::Out.Write($env:TRIPLYDB_TOKEN)")
        return tool(find_pwsh(), "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", script,
                    env={"PROGRAM": TDB, "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "POWERSHELL_TELEMETRY_OPTOUT": "1"})
    scripts = {
        "zsh": 'eval "$("$PROGRAM" init zsh)"; triplydb use "$1" || exit $?; printf %s "$TRIPLYDB_TOKEN"',
        "fish": '"$PROGRAM" init fish | source; triplydb use $argv[1]; or exit $status; printf %s "$TRIPLYDB_TOKEN"',
    }
    argv = [shell, "-f" if shell == "zsh" else "--no-config", "-c", scripts[shell]]
    argv += ["zsh", name] if shell == "zsh" else [name]
    return tool(*argv, env={"PROGRAM": TDB})


# --- The flow, with a real Secret Service --------------------------------------------------------
start_keyring()
vault = token_for("vault")
plain = token_for("plain")
status, out, err = run("add", "vault", "--keyring", "--no-verify", "--account", "acme", stdin=vault + "\n")
expect_equal((status, err), (0, ""), "add --keyring succeeds")
check("token in the keyring" in out, f"add says where the token went: {out!r}")
expect_equal(lookup("vault"), vault, "secret-tool finds the token, byte for byte")
check("keyring:\n      service: triplydb-profile\n      account: vault" in profiles_text(), f"the file says where it is: {profiles_text()!r}")
time.sleep(3.1)  # a snapshot is taken only of a file that has settled for 2 seconds
run("list")  # leaves a snapshot of this version of the file
run("env", "vault", "--shell", "bash")
check(snapshot_files() != [], f"a snapshot was written (else the check below shows nothing): {list(files_on_disk())}")
expect_nowhere_on_disk(vault, "after add, list and env")
expect_equal(run("add", "plain", "--no-verify", stdin=plain)[0], 0, "add of a file profile beside it")

expect_equal(run("token", "vault")[:2], (0, vault + "\n"), "token prints the keyring's token")
expect_equal(run("exec", "vault", "--", "printenv", "TRIPLYDB_TOKEN")[:2], (0, vault + "\n"), "exec passes it to the child")
status, out, err = bash_use("vault")
expect_equal((status, out), (0, vault.encode().hex()), f"use in bash exports it byte for byte ({err.strip()})")
for shell in ("zsh", "fish", "pwsh"):
    if (find_pwsh() if shell == "pwsh" else shutil.which(shell)):
        status, out, err = shell_use(shell, "vault")
        expect_equal((status, out), (0, vault), f"use in {shell} exports it byte for byte ({err.strip()})")
        print(f"use in {shell}: checked")
status, out, _ = run("list")
check("(keyring)" in out and "vault" in out, f"list shows where the token is: {out!r}")
status, out, _ = run("doctor")
check("vault: token in the keyring (service 'triplydb-profile', account 'vault'), which answers" in out, f"doctor: {out!r}")
check("plain: token in the file" in out, f"doctor names the file profile's place: {out!r}")

# rename keeps the item reachable; a new profile of the old name gets an item of its own.
expect_equal(run("rename", "vault", "vault2")[0], 0, "rename")
expect_equal(run("token", "vault2")[:2], (0, vault + "\n"), "after rename the token is still read from the keyring")
again = token_for("again")
expect_equal(run("add", "vault", "--keyring", "--no-verify", stdin=again)[0], 0, "add --keyring of the old name")
expect_equal((lookup("vault"), lookup("vault-2")), (vault, again), "the renamed profile's item is not overwritten")
expect_equal((run("token", "vault2")[1], run("token", "vault")[1]), (vault + "\n", again + "\n"), "both read their own")

# add --force replaces the item's secret: one item, the new token.
newer = token_for("newer")
expect_equal(run("add", "vault2", "--keyring", "--no-verify", "--force", stdin=newer)[0], 0, "add --force --keyring")
expect_equal(lookup("vault"), newer, "the item holds the new token")
expect_equal(search("vault").count("[/"), 1, "one item, not two")
expect_nowhere_on_disk(newer, "after add --force", beside=[plain])

# moving a file token into the keyring and back.
expect_equal(run("move-token", "plain", "--to", "keyring")[0], 0, "move-token --to keyring")
expect_equal(lookup("plain"), plain, "the moved token is in the keyring")
time.sleep(3.1)
run("list")
check(snapshot_files() != [], "a snapshot of the file after the move was written")
expect_nowhere_on_disk(plain, "after move-token --to keyring")
status, out, _ = bash_use("plain")
expect_equal((status, out), (0, plain.encode().hex()), "use of the moved profile")
status, out, err = run("move-token", "plain", "--to", "file")
expect_equal((status, err), (0, ""), "move-token --to file")
expect_equal(lookup("plain"), None, "the keyring copy is gone")
check(f"token: {plain}" in profiles_text(), "the file holds the token again")
expect_equal(run("token", "plain")[1], plain + "\n", "and it is read from the file")
status, _, err = run("move-token", "plain", "--to", "file")
check(status == 1 and "is not in the keyring; nothing to move" in err, f"moving it again says so: {err!r}")

# remove deletes the item.
expect_equal(run("remove", "vault2")[0], 0, "remove")
expect_equal((lookup("vault"), search("vault")), (None, ""), "remove deleted the item")
expect_equal(lookup("vault-2"), again, "and only that one")

# The commands whose job is not the token print none of it, on either stream (as tests/hardening/no_leak.py
# checks for file tokens).
for args in (("list",), ("list", "--json"), ("show", "vault"), ("show", "vault", "--json"), ("doctor",), ("current",),
             ("rename", "vault", "vault3"), ("rename", "vault3", "vault")):
    status, out, err = run(*args, env={"TRIPLYDB_PROFILE": "vault"})
    leaked = (runs_of_five(out) | runs_of_five(err)) & runs_of_five(again).difference(runs_of_five(plain))
    check(not leaked, f"{' '.join(args)} prints no run of the keyring's token: {sorted(leaked)[:3]}")
status, out, _ = run("show", "vault")
check("keyring      service 'triplydb-profile', account 'vault-2'" in out, f"show names the item: {out!r}")

# --- Failing closed ----------------------------------------------------------------------------
before = profiles_text()


def expect_refusal(what, args, message, env, stdin=""):
    status, out, err = run(*args, stdin=stdin, env=env)
    expect_equal((status, out), (1, ""), f"{what}: {' '.join(args)} exits 1 and prints nothing on standard output")
    check(message in err, f"{what}: {' '.join(args)} says {message!r}, said {err!r}")
    check("warning" not in err, f"{what}: no fallback warning")
    leaked = runs_of_five(err) & runs_of_five(again).difference(runs_of_five(plain))
    check(not leaked, f"{what}: standard error holds no run of the keyring's token: {sorted(leaked)[:3]}")
    expect_equal(profiles_text(), before, f"{what}: {' '.join(args)} leaves the file as it was")


USE_AND_FRIENDS = [("token", "vault"), ("env", "vault", "--shell", "bash"), ("exec", "vault", "--", "true"), ("whoami", "vault"),
                   ("move-token", "plain", "--to", "keyring"), ("remove", "vault")]
no_bus = "there is no D-Bus session bus"
for label, env in (("no bus (DBUS_SESSION_BUS_ADDRESS unset)", {"DBUS_SESSION_BUS_ADDRESS": ""}),
                   ("no bus (a bus address that leads nowhere)", {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={WORK}/no-bus"})):
    for args in USE_AND_FRIENDS:
        expect_refusal(label, args, no_bus, env)
    expect_refusal(label, ("add", "fresh", "--keyring", "--no-verify"), no_bus, env, stdin=token_for("fresh"))
check(lookup("plain") is None, "a move that failed left no copy in the keyring")

# A bus on which nothing provides org.freedesktop.secrets (no service files, nothing to activate).
config = os.path.join(WORK, "empty-bus.conf")
with open(config, "w") as f:
    f.write(f"<busconfig><type>session</type><listen>unix:dir={WORK}/run</listen><auth>EXTERNAL</auth>"
            "<policy context='default'><allow send_destination='*' eavesdrop='true'/><allow eavesdrop='true'/>"
            "<allow own='*'/></policy></busconfig>")
bus = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True)
empty_bus = bus.stdout.readline().strip()
for args in USE_AND_FRIENDS:
    expect_refusal("no Secret Service", args, "no Secret Service answers on the D-Bus session bus", {"DBUS_SESSION_BUS_ADDRESS": empty_bus})
bus.terminate()
bus.wait()

# A helper that does not answer: a stand-in that sleeps, where the program looks for the helper.
bindir = os.path.join(WORK, "bin")
os.makedirs(bindir)
shutil.copy2(TDB, os.path.join(bindir, "triplydb-profile"))
with open(os.path.join(bindir, "triplydb-profile-keyring"), "w") as f:
    f.write("#!/bin/sh\nexec sleep 30\n")
os.chmod(os.path.join(bindir, "triplydb-profile-keyring"), 0o755)
started = time.monotonic()
status, out, err = run(os.path.join(bindir, "triplydb-profile"), "token", "vault", env={"TRIPLYDB_KEYRING_TIMEOUT": "1"})
expect_equal((status, out), (1, ""), "a helper that does not answer: exit 1, nothing on standard output")
check("did not answer within 1 second and was stopped" in err, f"it says so: {err!r}")
check(time.monotonic() - started < 10, "the deadline holds")
expect_equal(profiles_text(), before, "the file is unchanged after the timeout")

# A locked collection: no prompt can be shown (no display), then one that cannot come up (dismissed).
status, _, err = tool("gdbus", "call", "--session", "--dest", "org.freedesktop.secrets", "--object-path", "/org/freedesktop/secrets",
                      "--method", "org.freedesktop.Secret.Service.Lock", "[objectpath '/org/freedesktop/secrets/collection/login']")
check(status == 0, f"the login collection is locked: {err}")
for args in USE_AND_FRIENDS:
    expect_refusal("locked keyring", args, "the keyring is locked and no unlock prompt can be shown here", {})
expect_refusal("locked keyring", ("add", "fresh", "--keyring", "--no-verify"), "the keyring is locked", {}, stdin=token_for("fresh"))
expect_refusal("dismissed prompt", ("token", "vault"), "the keyring stayed locked: the unlock prompt was dismissed",
               {"DISPLAY": ":97", "TRIPLYDB_KEYRING_TIMEOUT": "30"})
status, out, _ = run("doctor")
check(status == 1 and "vault: token in the keyring" in out and "which does not answer: the keyring is locked" in out,
      f"doctor shows that the keyring does not answer: {out!r}")
# doctor --online reports the locked keyring for that profile and goes on with the next one.
local = os.path.join(WORK, "local.yaml")
with open(local, "w") as f:
    f.write("version: 1\nprofiles:\n  vault:\n    instance: http://127.0.0.1:9\n    keyring: {service: triplydb-profile, account: vault-2}\n"
            f"  closed:\n    instance: http://127.0.0.1:9\n    token: {plain}\n")
os.chmod(local, 0o600)
status, out, err = run("doctor", "--online", env={"TRIPLYDB_PROFILES": local})
check(status == 1 and "fail  profile 'vault': cannot read its token from the keyring: the keyring is locked" in out
      and "fail  closed: cannot reach http://127.0.0.1:9" in out, f"doctor --online goes on after the keyring: {out!r} {err!r}")
finish()
