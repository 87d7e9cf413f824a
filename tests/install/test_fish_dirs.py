"""`bash .ci/install` puts the fish files where this machine's fish reads them when $XDG_DATA_DIRS is
unset (a console or ssh login): for /usr/local, Debian's fish reads only /usr/share, ~/.local/share
and /etc/fish, so the files go to /etc/fish; below /usr and ~/.local they stay in the prefix. Then a
real install into ~/.local is loaded by an interactive fish with no line in config.fish.
Usage: test_fish_dirs.py CMAKE BUILD_DIR"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import SOURCE_DIR, Checks, require_tool  # noqa: E402

CMAKE, BUILD_DIR = sys.argv[1], Path(sys.argv[2])


def fish_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIPLYDB_", "XDG_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    return env


def install_options(prefix, env):
    """What .ci/install passes to cmake for PREFIX: {option: value}."""
    out = subprocess.run(["bash", "-c", f'source {SOURCE_DIR}/.ci/lib.bash && fish_install_options "$1"', "-", str(prefix)],
                         env=env, capture_output=True, text=True).stdout
    return dict(line[2:].split("=", 1) for line in out.splitlines() if line.startswith("-D") and "=" in line)


def fish_reads(env):
    """The folders fish reads conf.d files and completions from, as fish itself says."""
    script = ('printf "conf %s\\n" $__fish_vendor_confdirs $__fish_sysconf_dir/conf.d $__fish_config_dir/conf.d; '
              'printf "completions %s\\n" $fish_complete_path')
    out = subprocess.run(["fish", "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    read = {"conf": set(), "completions": set()}
    for line in out.splitlines():
        kind, folder = line.split(" ", 1)
        read[kind].add(folder)
    return read


def main():
    require_tool("fish")
    checks = Checks("fish_dirs")
    with tempfile.TemporaryDirectory(prefix="triplydb-fish.") as tmp:
        home = Path(tmp) / "home"
        (home / ".config").mkdir(parents=True)
        env = fish_env(home)
        read = fish_reads(env)
        for prefix in (Path("/usr/local"), Path("/usr"), home / ".local"):
            options = install_options(prefix, env)
            for kind, option in (("conf", "TRIPLYDB_FISH_CONF_DIR"), ("completions", "TRIPLYDB_FISH_COMPLETIONS_DIR")):
                folder = prefix / options.get(option, "?")  # an absolute value stays as it is
                checks.expect(str(folder) in read[kind], f"prefix {prefix}: fish reads {kind} from {folder}",
                              f"fish reads {sorted(read[kind])}")
        prefix = home / ".local"
        result = subprocess.run([CMAKE, "--install", str(BUILD_DIR), "--prefix", str(prefix)], capture_output=True, text=True)
        checks.expect(result.returncode == 0, "cmake --install into ~/.local succeeds", result.stderr)
        env["PATH"] = f"{prefix}/bin:{os.environ['PATH']}"
        out = subprocess.run(["fish", "-i", "-c", "functions -q triplydb; and echo loaded"], env=env, input="",
                             capture_output=True, text=True).stdout
        checks.equal(out.strip(), "loaded", "an interactive fish without XDG_DATA_DIRS has the triplydb function")
    checks.finish()


if __name__ == "__main__":
    main()
