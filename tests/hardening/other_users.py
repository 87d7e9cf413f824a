"""Another local user who can write the folder of the profiles file (a group-shared folder, a
sticky /tmp path from TRIPLYDB_PROFILES=$(mktemp)) or a runtime folder plants a forged snapshot
(a token_command that runs their code, another instance), a name holding $(...), and a lock file
that is a link. The victim's env, init, list --names, TAB completion and current use only the
YAML's values, run nothing of the attacker's and say what they ignored. Two real uids, so root."""
import os
import subprocess
import time

from support import *
from forge_snapshot import forge, snapshot_name

VICTIM, ATTACKER, GROUP = 41001, 41002, 41100
if os.geteuid() != 0:
    if os.environ.get("CI") == "true":
        finish(extra_failure="this suite switches between two users and must run as root on CI")
    print("SKIP: switching users needs root", file=__import__("sys").stderr)
    sys.exit(77)

os.chmod(WORK, 0o755)
markers = os.path.join(WORK, "markers")
os.makedirs(markers, mode=0o777)
os.chmod(markers, 0o777)


def folder(name, mode, owner=0, group=GROUP):
    path = os.path.join(WORK, name)
    os.makedirs(path, exist_ok=True)
    os.chown(path, owner, group)
    os.chmod(path, mode)
    return path


victim_home = folder("victim", 0o700, VICTIM, VICTIM)
victim_env = {**ENV, "HOME": victim_home, "XDG_CONFIG_HOME": os.path.join(victim_home, "config"),
              "XDG_CACHE_HOME": os.path.join(victim_home, "cache"), "XDG_RUNTIME_DIR": folder("victim-run", 0o700, VICTIM, VICTIM)}
victim_token = mint_token({"uid": "victim", "iss": "https://api.victim.example", "jti": "victim-token"})
attacker_token = mint_token({"uid": "attacker", "iss": "https://api.attacker.example"})


def as_victim(*args, stdin="", env=None, program=None):
    done = subprocess.run(program or [TDB, *args], input=stdin, capture_output=True, text=True, user=VICTIM, group=VICTIM,
                          extra_groups=[GROUP], env={**victim_env, **(env or {})}, cwd=victim_home, timeout=60)
    return done.returncode, done.stdout, done.stderr


def plant(path, data, mode=0o644):
    """Writes `data` at `path` as the attacker would: a file the attacker owns."""
    with open(path, "wb") as f:
        f.write(data)
    os.chown(path, ATTACKER, ATTACKER)
    os.chmod(path, mode)


def hostile_profiles(marker, with_hostile_name=False):
    """A profile the loader would take (so only where it is planted keeps it out), and optionally
    a name that the loader refuses."""
    forged = {"prod": {"instance": "https://api.attacker.example", "token_command": ["sh", "-c", f"touch {marker}; echo {attacker_token}"]}}
    if with_hostile_name:
        forged[f"$(touch {marker}-name)"] = {"instance": "https://api.attacker.example", "token": attacker_token}
    return forged


def make_victim_store(profiles):
    env = {"TRIPLYDB_PROFILES": profiles}
    status, _, err = as_victim("add", "prod", "--no-verify", stdin=victim_token + "\n", env=env)
    expect_equal(status, 0, f"{profiles}: the victim adds prod ({err!r})")
    status, _, err = as_victim("default", "prod", env=env)
    expect_equal(status, 0, f"{profiles}: the victim makes prod the default ({err!r})")
    time.sleep(3.1)  # settled: a snapshot of it may be written and read from now on


def completion_candidates(env):
    script = f'source <("$__triplydb_bin" completion bash); COMP_WORDS=(triplydb-profile env ""); COMP_CWORD=2; ' \
             '_triplydb_profile_complete; printf "%s\\n" "${COMPREPLY[@]}"'
    return as_victim(program=["bash", "-c", script], env={**env, "__triplydb_bin": TDB})


def check_victim_sees_only_the_yaml(where, env, ignored):
    """The victim's everyday commands, after the attacker planted files: only the YAML counts."""
    before = set(os.listdir(markers))
    status, out, err = as_victim("env", "prod", "--shell", "bash", env=env)
    check(status == 0 and f"export TRIPLYDB_TOKEN='{victim_token}'" in out and "export TRIPLYDB_API='https://api.victim.example'" in out,
          f"{where}: env prod exports the victim's token and instance (status {status}, {out!r}, {err!r})")
    check(ignored in err, f"{where}: env says what it ignored: {ignored!r} not in {err!r}")
    status, out, err = as_victim("init", "bash", env=env)
    check(status == 0 and "export TRIPLYDB_API='https://api.victim.example'" in out and "attacker" not in out,
          f"{where}: init activates the victim's own default ({err!r})")
    status, out, err = as_victim("list", "--names", env=env)
    expect_equal((status, out), (0, "prod\n"), f"{where}: list --names")
    status, out, err = completion_candidates(env)
    expect_equal((status, out), (0, "prod\n"), f"{where}: TAB completion of env")
    status, out, err = as_victim("current", env={**env, "TRIPLYDB_PROFILE": "prod", "TRIPLYDB_TOKEN": victim_token})
    check(status == 0 and "prod" in out and "attacker" not in out, f"{where}: current ({out!r}, {err!r})")
    expect_equal(sorted(set(os.listdir(markers)) - before), [], f"{where}: nothing of the attacker's ran")


# The forgery is good: placed in the victim's own snapshot folder, as the victim's own file, it is read.
control = os.path.join(victim_home, "control.yaml")
make_victim_store(control)
own_folder = os.path.join(victim_env["XDG_RUNTIME_DIR"], "triplydb")
as_victim("list", env={"TRIPLYDB_PROFILES": control})  # the victim's program makes its folder and snapshot
check(os.path.isfile(os.path.join(own_folder, snapshot_name(control))), "the victim's snapshot is where the suite expects it")
own_snapshot = os.path.join(own_folder, snapshot_name(control))
plant(own_snapshot, forge(control, hostile_profiles(f"{markers}/control"), default="prod"), 0o600)
os.chown(own_snapshot, VICTIM, VICTIM)
status, out, err = as_victim("env", "prod", "--shell", "bash", env={"TRIPLYDB_PROFILES": control})
check("https://api.attacker.example" in out and os.path.exists(f"{markers}/control"),
      f"control: a forged snapshot that passes every check is read (so the cases below can fail): {out!r} {err!r}")
os.remove(f"{markers}/control")
# Even there, a snapshot holding a name that the loader refuses is never used.
plant(own_snapshot, forge(control, hostile_profiles(f"{markers}/control", with_hostile_name=True), default="prod"), 0o600)
os.chown(own_snapshot, VICTIM, VICTIM)
check_victim_sees_only_the_yaml("own folder, a name with $(...)", {"TRIPLYDB_PROFILES": control}, "")
os.remove(own_snapshot)

# 1. A group-shared folder: the attacker writes a snapshot beside the profiles file, where
#    earlier versions kept it.
shared = folder("shared", 0o2770)
profiles = os.path.join(shared, "profiles.yaml")
make_victim_store(profiles)
plant(profiles + ".cache", forge(profiles, hostile_profiles(f"{markers}/shared"), default="prod"))
check(not os.path.exists(os.path.join(shared, snapshot_name(profiles))), "no snapshot is written into the shared folder")
check_victim_sees_only_the_yaml("shared folder", {"TRIPLYDB_PROFILES": profiles},
                                f"{profiles}.cache is a snapshot that this version never reads (owned by user {ATTACKER})")

# 2. A sticky folder such as /tmp, the file made by mktemp.
sticky = folder("sticky", 0o1777, 0, 0)
profiles = os.path.join(sticky, "tmp.Xy12Ab")
with open(profiles, "w"):
    pass
os.chown(profiles, VICTIM, VICTIM)
os.chmod(profiles, 0o600)
make_victim_store(profiles)
plant(profiles + ".cache", forge(profiles, hostile_profiles(f"{markers}/sticky"), default="prod"))
check_victim_sees_only_the_yaml("sticky folder", {"TRIPLYDB_PROFILES": profiles},
                                f"{profiles}.cache is a snapshot that this version never reads (owned by user {ATTACKER})")

# 3. A runtime folder that others can write: the attacker makes triplydb/ in it first and plants
#    a snapshot under the very name the victim's program would use.
shared_run = folder("shared-run", 0o2770)
profiles = os.path.join(shared, "profiles.yaml")
os.makedirs(os.path.join(shared_run, "triplydb"))
os.chown(os.path.join(shared_run, "triplydb"), ATTACKER, ATTACKER)
os.chmod(os.path.join(shared_run, "triplydb"), 0o777)
planted = os.path.join(shared_run, "triplydb", snapshot_name(profiles))
plant(planted, forge(profiles, hostile_profiles(f"{markers}/run"), default="prod"), 0o600)
os.remove(profiles + ".cache")
check_victim_sees_only_the_yaml("shared runtime folder", {"TRIPLYDB_PROFILES": profiles, "XDG_RUNTIME_DIR": shared_run},
                                f"ignored the snapshot {planted}: its folder is not yours alone (it is owned by user {ATTACKER}, not by you)")

# 4. A lock file planted as a link in the sticky folder, before the victim's first write.
precious = os.path.join(victim_home, "precious")
with open(precious, "w") as f:
    f.write("keep me\n")
os.chown(precious, VICTIM, VICTIM)
profiles = os.path.join(sticky, "tmp.Lk34Cd")
with open(profiles, "w"):
    pass
os.chown(profiles, VICTIM, VICTIM)
os.chmod(profiles, 0o600)
os.symlink(precious, profiles + ".lock")
os.lchown(profiles + ".lock", ATTACKER, ATTACKER)
status, out, err = as_victim("add", "prod", "--no-verify", stdin=victim_token + "\n", env={"TRIPLYDB_PROFILES": profiles})
expect_equal((status, err.splitlines()[-1]), (1, f"triplydb-profile: the lock file {profiles}.lock is a symbolic link; remove it and try again"),
             "a lock file that is a link is refused")
with open(precious) as f:
    expect_equal(f.read(), "keep me\n", "the file the link points at is untouched")
expect_equal(os.path.getsize(profiles), 0, "the profiles file is untouched")

finish()
