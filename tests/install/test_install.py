"""`cmake --install` into a temporary prefix puts every file where its user looks, and nothing else;
then each shell finds what it needs there: man(1) the page, bash-completion's loader the bash
completions, zsh's compinit the zsh one, fish its completions and the vendor_conf.d file.
Usage: test_install.py CMAKE BUILD_DIR LIBDIR ZSH_COMPLETION_DIR"""
import gzip
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import SOURCE_DIR, Checks, require_tool, skip_or_fail  # noqa: E402

CMAKE, BUILD_DIR, LIBDIR, ZSH_DIR = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
BASH_COMPLETION = Path("/usr/share/bash-completion/bash_completion")

# Installed path -> the source file it must equal (None: checked otherwise).
EXPECTED = {
    "bin/triplydb-profile": None,
    "share/man/man1/triplydb-profile.1.gz": None,
    "share/triplydb-profile/example.yaml": "profiles/example.yaml",
    "share/triplydb-profile/profiles.schema.json": "profiles/profiles.schema.json",
    "share/bash-completion/completions/triplydb-profile": "completions/triplydb-profile.bash",
    "share/bash-completion/completions/triplydb": "completions/triplydb.bash",
    f"{ZSH_DIR}/_triplydb-profile": "completions/_triplydb-profile",
    "share/fish/vendor_completions.d/triplydb-profile.fish": "completions/triplydb-profile.fish",
    "share/fish/vendor_conf.d/triplydb.fish": "shells/vendor_conf.d/triplydb.fish",
}
# The network and keyring helpers are installed beside nothing else in LIBDIR: they are not
# commands to run.
HELPER = f"{LIBDIR}/triplydb-profile/triplydb-profile-http"
KEYRING_HELPER = f"{LIBDIR}/triplydb-profile/triplydb-profile-keyring"
EXPECTED[HELPER] = None
EXPECTED[KEYRING_HELPER] = None


def shell_output(argv, env, stdin=None):
    result = subprocess.run(argv, env=env, input=stdin, capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout, result.stderr


def check_layout(checks, prefix):
    installed = {str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file() or p.is_symlink()}
    for path, source in sorted(EXPECTED.items()):
        if not checks.expect(path in installed, f"installed: {path}"):
            continue
        mode = stat.S_IMODE((prefix / path).stat().st_mode)
        # Debian policy: programs 0755, everything else 0644.
        want = 0o755 if path.startswith("bin/") or path in (HELPER, KEYRING_HELPER) else 0o644
        checks.equal(oct(mode), oct(want), f"mode of {path}")
        if source:
            checks.expect((prefix / path).read_bytes() == (SOURCE_DIR / source).read_bytes(), f"{path} is {source}")
    checks.equal(sorted(installed - set(EXPECTED)), [], "nothing else is installed")
    page = prefix / "share/man/man1/triplydb-profile.1.gz"
    if page.exists():
        checks.expect(gzip.decompress(page.read_bytes()).decode() == configured_man_page(),
                      "the installed man page is core/man/triplydb-profile.1 with the build's folders, compressed")


def cache_value(name):
    for line in (BUILD_DIR / "CMakeCache.txt").read_text().splitlines():
        if line.startswith(name + ":"):
            return line.split("=", 1)[1]
    return None


def configured_prefix_paths():
    """The folders the man page and README name, for the prefix the build was configured with."""
    prefix = Path(cache_value("CMAKE_INSTALL_PREFIX"))
    return {"data": prefix / "share/triplydb-profile", "fish_conf": prefix / cache_value("TRIPLYDB_FISH_CONF_DIR")}


def configured_man_page():
    paths = configured_prefix_paths()
    return ((SOURCE_DIR / "core/man/triplydb-profile.1").read_text()
            .replace("@TRIPLYDB_MAN_DATA@", str(paths["data"]).replace("-", "\\-"))
            .replace("@TRIPLYDB_MAN_FISH_CONF@", str(paths["fish_conf"]).replace("-", "\\-")))


def check_program_and_man(checks, prefix, env):
    status, out, err = shell_output([str(prefix / "bin/triplydb-profile"), "--version"], env)
    built = subprocess.run([str(BUILD_DIR / "core/triplydb-profile"), "--version"], capture_output=True, text=True).stdout
    checks.expect(status == 0 and out == built, "the installed program runs and prints the build's version", out + err)
    require_tool("man")
    status, out, err = shell_output(["man", "-M", str(prefix / "share/man"), "-P", "cat", "triplydb-profile"], dict(env, MANWIDTH="80"))
    checks.expect(status == 0 and "triplydb-profile - named TriplyDB API token profiles" in out,
                  "man -M PREFIX/share/man triplydb-profile shows the page", err)
    paths = configured_prefix_paths()
    wide = shell_output(["man", "-M", str(prefix / "share/man"), "-P", "cat", "triplydb-profile"], dict(env, MANWIDTH="1000"))[1]
    for path in (paths["data"] / "profiles.schema.json", paths["data"] / "example.yaml", paths["fish_conf"] / "triplydb.fish"):
        checks.expect(str(path) in wide.replace("\u2010", "-"), f"the man page names {path}, where this build installs it")


def check_bash(checks, prefix, env):
    if not BASH_COMPLETION.exists():
        skip_or_fail(f"{BASH_COMPLETION} is missing (Debian package bash-completion)")
    # bash-completion's own loader, as in an interactive shell: it finds completions/NAME next to
    # the program (PREFIX/bin/../share) and in $XDG_DATA_DIRS.
    script = f"""
source {BASH_COMPLETION}
complete_words() {{ COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${{#COMP_LINE}}; COMPREPLY=()
  _completion_loader "$1"; local spec; spec=$(complete -p "$1" 2>/dev/null) || {{ echo "no completion for $1"; return; }}
  local fn=${{spec#*-F }}; fn=${{fn%% *}}; "$fn" "$1" "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
  printf '%s\\n' "${{COMPREPLY[@]}}" | sort | tr '\\n' ' '; echo; }}
complete_words triplydb-profile sh
complete_words triplydb-profile show prod
complete_words triplydb us
triplydb() {{ :; }}
complete_words triplydb us
"""
    status, out, err = shell_output(["bash", "--norc", "--noprofile", "-c", script], env)
    lines = out.splitlines()
    checks.equal(lines, ["show ", "prod prod-read ", "no completion for triplydb", "use "],
                 "bash-completion loads the installed completions (triplydb only when it is the shell function)")


def check_zsh(checks, prefix, env):
    require_tool("zsh")
    script = f"fpath=({prefix / ZSH_DIR} $fpath); autoload -Uz compinit && compinit -u -d {prefix}/../zcompdump; print -r -- ${{_comps[triplydb-profile]}}"
    status, out, err = shell_output(["zsh", "-f", "-c", script], env)
    checks.equal(out.strip(), "_triplydb-profile", f"zsh's compinit finds _triplydb-profile in {ZSH_DIR}")


def check_fish(checks, prefix, env):
    require_tool("fish")
    status, out, err = shell_output(["fish", "-c", "complete -C 'triplydb-profile sh'"], env)
    checks.expect(out.split("\t")[0].strip() == "show", "fish completes from vendor_completions.d", out + err)
    status, out, err = shell_output(["fish", "-i", "-c", "functions -q triplydb; and echo loaded"], env, "")
    checks.equal(out.strip(), "loaded", "interactive fish has the triplydb function from vendor_conf.d, with no config line")
    status, out, err = shell_output(["fish", "-c", "functions -q triplydb; or echo absent"], env)
    checks.equal(out.strip(), "absent", "non-interactive fish does not load it")
    shell_output(["fish", "-c", "set -U triplydb_no_vendor_init 1"], env)
    status, out, err = shell_output(["fish", "-i", "-c", "functions -q triplydb; or echo absent"], env, "")
    checks.equal(out.strip(), "absent", "set -U triplydb_no_vendor_init 1 turns vendor_conf.d off")


def main():
    checks = Checks("install")
    with tempfile.TemporaryDirectory(prefix="triplydb-install.") as tmp:
        work = Path(tmp)
        prefix = work / "prefix"
        result = subprocess.run([CMAKE, "--install", str(BUILD_DIR), "--prefix", str(prefix)], capture_output=True, text=True)
        if not checks.expect(result.returncode == 0, "cmake --install succeeds", result.stderr):
            checks.finish()
        check_layout(checks, prefix)
        profiles = work / "profiles.yaml"
        shutil.copy(SOURCE_DIR / "profiles/example.yaml", profiles)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIPLYDB_", "XDG_", "BASH_COMPLETION"))}
        (work / "home").mkdir()
        env.update(HOME=str(work / "home"), XDG_DATA_DIRS=f"{prefix}/share:/usr/share", TRIPLYDB_PROFILES=str(profiles),
                   PATH=f"{prefix}/bin:{os.environ['PATH']}", XDG_CONFIG_HOME=str(work / "xdg"), XDG_DATA_HOME=str(work / "data"))
        check_program_and_man(checks, prefix, env)
        check_bash(checks, prefix, env)
        check_zsh(checks, prefix, env)
        check_fish(checks, prefix, env)
    checks.finish()


if __name__ == "__main__":
    main()
