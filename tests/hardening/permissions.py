"""A profiles file or folder that others can read or write is reported on every command, on
standard error only, with the chmod that fixes it. A profiles file that is a symlink is read
through the link and written at its target, which is replaced atomically; the link stays."""
import os

from support import *

# The read snapshot (profiles.yaml.cache, from main) is left out of folder listings here: it is
# written beside the link rather than the target, which is reported as its own issue.

token = mint_token({"uid": "u1", "iss": "https://api.triplydb.com"})
write_profiles(profile_yaml({"prod": ("https://api.triplydb.com", token)}, default="prod"))
folder = os.path.dirname(PROFILES)
os.chmod(folder, 0o700)
commands = [("list",), ("list", "--names"), ("list", "--json"), ("show", "prod"), ("env", "prod", "--shell", "bash"), ("token", "prod"),
            ("default",), ("current",), ("exec", "prod", "--", "true"), ("add", "--help"), ("remove", "--help"), ("rename", "--help"),
]

clean = {}
for command in commands:
    clean[command] = run(*command)
    if command != ("current",):
        expect_equal(clean[command][2], "", f"{' '.join(command)} with 0600/0700: no warning")


def expect_warnings(mode_file, mode_folder, warnings, what):
    os.chmod(PROFILES, mode_file)
    os.chmod(folder, mode_folder)
    for command in commands:
        status, out, err = run(*command)
        name = " ".join(command)
        expect_equal((status, out), clean[command][:2], f"{what}: {name}: status and standard output unchanged")
        lines = err.splitlines()
        expect_equal(lines[: len(warnings)], warnings, f"{what}: {name}: the warnings, once, first on standard error")
        expect_equal(lines[len(warnings):], clean[command][2].splitlines(), f"{what}: {name}: the rest of standard error")


file_fix = f"run 'chmod 600 {PROFILES}'"
folder_fix = f"run 'chmod 700 {folder}'"
expect_warnings(0o644, 0o700, [f"triplydb-profile: warning: {PROFILES} is readable by others; {file_fix}"], "file 0644")
expect_warnings(0o640, 0o700, [f"triplydb-profile: warning: {PROFILES} is readable by others; {file_fix}"], "file 0640")
expect_warnings(0o602, 0o700, [f"triplydb-profile: warning: {PROFILES} is writable by others; {file_fix}"], "file 0602")
expect_warnings(0o666, 0o777, [f"triplydb-profile: warning: {PROFILES} is readable and writable by others; {file_fix}",
                               f"triplydb-profile: warning: {folder} is readable and writable by others; {folder_fix}"], "file 0666, folder 0777")
expect_warnings(0o600, 0o755, [f"triplydb-profile: warning: {folder} is readable by others; {folder_fix}"], "folder 0755")
expect_warnings(0o600, 0o711, [], "folder 0711 (others may pass, not list)")
os.chmod(folder, 0o700)

# A path with a space gets a fix that can be pasted.
spaced = os.path.join(WORK, "my config", "profiles.yaml")
os.makedirs(os.path.dirname(spaced), mode=0o700)
with open(spaced, "w") as f:
    f.write(profile_yaml({"prod": ("https://api.triplydb.com", token)}))
os.chmod(spaced, 0o644)
status, out, err = run("list", "--names", env={"TRIPLYDB_PROFILES": spaced})
expect_equal(err, f"triplydb-profile: warning: {spaced} is readable by others; run 'chmod 600 '\\''{spaced}'\\'''\n".replace("'\\''", "'"), "a quoted path in the fix")

# The symlink: reads follow it; writes replace its target atomically and leave the link.
real_folder = os.path.join(WORK, "dotfiles")
os.makedirs(real_folder, mode=0o700)
target = os.path.join(real_folder, "triplydb.yaml")
os.replace(PROFILES, target)
os.symlink("../dotfiles/triplydb.yaml", PROFILES)
status, out, err = run("list", "--names")
expect_equal((status, out, err), (0, "prod\n", ""), "a read through a relative symlink")
inode = os.stat(target).st_ino
status, out, err = run("add", "second", "--no-verify", stdin=token + "\n")
expect_equal((status, err), (0, ""), "a write through the symlink")
check(os.path.islink(PROFILES) and os.readlink(PROFILES) == "../dotfiles/triplydb.yaml", "the link is still the same link")
check(os.stat(target).st_ino != inode, "the target was replaced by a new file (rename), not rewritten in place")
expect_equal(oct(os.stat(target).st_mode & 0o7777), "0o600", "the new target is 0600")
expect_equal(run("list", "--names")[1], "prod\nsecond\n", "the target holds the change")
expect_equal(sorted(n for n in os.listdir(real_folder) if not n.endswith(".cache")), ["triplydb.yaml", "triplydb.yaml.lock"], "lock and temporary file live beside the target")
expect_equal(sorted(n for n in os.listdir(folder) if not n.endswith(".cache")), ["profiles.yaml"], "nothing is written beside the link")
os.chmod(target, 0o644)
status, out, err = run("list", "--names")
expect_equal(err, f"triplydb-profile: warning: {target} is readable by others; run 'chmod 600 {target}'\n", "the target's mode is checked")
os.chmod(target, 0o600)

# A dangling link: the first write creates the target.
os.remove(PROFILES)
os.symlink(os.path.join(WORK, "elsewhere", "new.yaml"), PROFILES)
status, out, err = run("add", "first", "--no-verify", stdin=token + "\n")
expect_equal((status, err), (0, ""), "a write through a dangling symlink")
check(os.path.islink(PROFILES), "the dangling link is still a link")
expect_equal(oct(os.stat(os.path.join(WORK, "elsewhere")).st_mode & 0o777), "0o700", "the target's new folder is 0700")
expect_equal(run("list", "--names")[1], "first\n", "the new target holds the profile")
finish()
