"""Root running the program with a user's HOME (sudo -E, sudo -H off) leaves that user able to use
their profiles: a file, lock file or folder root makes there is the user's, root is not told to take
the user's file, and a user who finds a root-owned file is told to give it back with sudo. Needs root."""
import os
import subprocess

from support import *

USER = 41011
if os.geteuid() != 0:
    if os.environ.get("CI") == "true":
        finish(extra_failure="this suite runs as root and as another user, and must run as root on CI")
    print("SKIP: switching users needs root", file=sys.stderr)
    sys.exit(77)

os.chmod(WORK, 0o755)
TOKENS = {name: mint_token({"uid": name, "iss": "https://api.triplydb.com", "jti": name}) for name in ("prod", "second", "third")}


def user_home(name):
    home = os.path.join(WORK, name)
    os.makedirs(home, mode=0o700)
    os.chown(home, USER, USER)
    return home


def env_of(home):
    """As sudo -E passes it: the user's HOME, nothing else pointing at the file."""
    env = {k: v for k, v in ENV.items() if k not in ("TRIPLYDB_PROFILES", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR")}
    return {**env, "HOME": home}


def as_root(home, *args, stdin=""):
    done = subprocess.run([TDB, *args], input=stdin, capture_output=True, text=True, env=env_of(home), timeout=60)
    return done.returncode, done.stdout, done.stderr


def as_user(home, *args, stdin=""):
    done = subprocess.run([TDB, *args], input=stdin, capture_output=True, text=True, env=env_of(home), cwd=home,
                          user=USER, group=USER, extra_groups=[], timeout=60)
    return done.returncode, done.stdout, done.stderr


def root_owned(home):
    return sorted(os.path.join(d, n) for d, dirs, files in os.walk(home) for n in dirs + files
                  if os.lstat(os.path.join(d, n)).st_uid != USER)


def check_user_keeps_it(home, what):
    expect_equal(root_owned(home), [], f"{what}: nothing under the user's HOME belongs to root")
    status, out, err = as_user(home, "list", "--names")
    check(status == 0 and "second" in out.split(), f"{what}: the user lists the profile root added ({status}, {out!r}, {err!r})")
    status, out, err = as_user(home, "add", "third", "--no-verify", stdin=TOKENS["third"] + "\n")
    check(status == 0, f"{what}: the user adds a profile afterwards ({status}, {err!r})")


# The user's file exists: root adds to it.
home = user_home("with-file")
status, _, err = as_user(home, "add", "prod", "--no-verify", stdin=TOKENS["prod"] + "\n")
check(status == 0, f"the user's own add works ({err!r})")
status, _, err = as_root(home, "add", "second", "--no-verify", stdin=TOKENS["second"] + "\n")
check(status == 0, f"root adds to the user's file ({err!r})")
check("chown" not in err and "not by you" not in err, f"root is not told to take the user's file: {err!r}")
check_user_keeps_it(home, "root added to the user's file")

# No file yet: root makes ~/.config/triplydb/profiles.yaml for the user.
home = user_home("without-file")
status, _, err = as_root(home, "add", "second", "--no-verify", stdin=TOKENS["second"] + "\n")
check(status == 0, f"root creates the user's file ({err!r})")
check_user_keeps_it(home, "root created the user's file")
profiles = os.path.join(home, ".config", "triplydb", "profiles.yaml")
expect_equal(oct(os.stat(profiles).st_mode & 0o777), "0o600", "the file root created for the user is private")

# A file an older version left owned by root: the user is told to give it back with sudo.
home = user_home("left-by-root")
folder = os.path.join(home, ".config", "triplydb")
os.makedirs(folder)
for path in (os.path.join(home, ".config"), folder):
    os.chown(path, USER, USER)
    os.chmod(path, 0o700)
profiles = os.path.join(folder, "profiles.yaml")
with open(profiles, "w") as f:
    f.write(profile_yaml({"prod": ("https://api.triplydb.com", TOKENS["prod"])}))
os.chmod(profiles, 0o644)
status, out, err = as_user(home, "list", "--names")
check(f"is owned by user 0, not by you; run 'sudo chown {USER} {profiles}'" in err,
      f"the user is told to take the file back with sudo: {err!r}")

finish()
