"""Shared pieces of the shell suites: finding the shells, a private HOME with a profiles file, and
running a script in a real shell under its strict mode with the output of `init` loaded."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import mint_token, on_ci, skip_or_fail  # noqa: E402,F401

SHELLS = ("bash", "zsh", "fish", "pwsh", "nu", "elvish", "xonsh")
INSTANCE = "https://api.triplydb.com"

# What each shell needs in front of a script: its strict mode, and `status_of CMD...`, which runs a
# command and prints `status=N` without letting errexit end the script.
PRELUDES = {
    "bash": "set -euo pipefail\n"
            "status_of() { local s=0; \"$@\" || s=$?; printf 'status=%s\\n' \"$s\"; }\n",
    "zsh": "setopt err_exit no_unset pipe_fail\n"
           "status_of() { local s=0; \"$@\" || s=$?; printf 'status=%s\\n' \"$s\"; }\n",
    "fish": "function status_of; $argv; printf 'status=%s\\n' $status; end\n",
    "pwsh": "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n"
            "function status_of { $c = $args[0]; $rest = @($args | Select-Object -Skip 1); $global:LASTEXITCODE = 0; & $c @rest; \"status=$global:LASTEXITCODE\" }\n",
    # nushell reports a status in LAST_EXIT_CODE: `status_of CMD...` lines become NU_STATUS_OF (a
    # command that a closure runs would lose its hide-env). elvish takes the command as a block and
    # raises, naming the external's exit status or, for the function's own failures, `triplydb: status N`.
    "nu": "",
    "elvish": "use re\nfn status_of {|command| var s = 0; try { $command } catch e { var r = $e[reason]\n"
              "  if (has-key $r exit-status) { set s = $r[exit-status] } elif (and (eq $r[type] fail) "
              "(re:match '^triplydb: status [0-9]+$' $r[content])) { set s = (re:find '[0-9]+$' $r[content])[text] } "
              "else { fail $e } }\n  echo 'status='$s }\n",
    # status_of is a threaded alias, like one a user might write around the function: in such an
    # alias xonsh keeps a variable swapped for a run in a layer of that thread's own, so the
    # function must not set afterwards what it swapped (first_steps' rename checks that).
    "xonsh": "$RAISE_SUBPROC_ERROR = True\n$XONSH_SHOW_TRACEBACK = True\n"
             "def _status_of(args):\n    import subprocess\n    try:\n        status = ![@(args)].returncode\n"
             "    except subprocess.CalledProcessError as error:\n        status = error.returncode\n"
             "    print(f'status={status}')\naliases['status_of'] = _status_of\n",
}

NU_STATUS_OF = r'$env.LAST_EXIT_CODE = 0; try { \1 } catch { }; print $"status=($env.LAST_EXIT_CODE)"'

# How each shell loads the integration, as its users' rc files do. {bin} is quoted for the shell.
INIT_LINES = {
    "bash": 'eval "$({bin} init bash{args})"\n',
    "zsh": 'eval "$({bin} init zsh{args})"\n',
    "fish": "{bin} init fish{args} | source\n",
    "pwsh": "Invoke-Expression (& {bin} init pwsh{args} | Out-String)\n",
    # nushell sources a file that `init nu` wrote: Sandbox.run writes it first, as users do once.
    "nu": "source {init_file}\n",
    # eval runs the code in a namespace of its own, so the script's body runs in it too.
    "elvish": "eval ({bin} init elvish{args} | slurp)(slurp < {body_file})\n",
    # xonsh's $() now and then loses a short-lived child's output on a busy machine (a known xonsh
    # race), which would leave the shell without the function: the suites read init's text with
    # Python's subprocess instead, the same text that README's execx($(...)) line reads; like that
    # line, an init that fails runs nothing and the rest of the script goes on.
    "xonsh": "execx(__import__('subprocess').run([{bin}, 'init', 'xonsh', *'{args}'.split()], "
             "stdout=__import__('subprocess').PIPE, text=True).stdout)\n",
}

# The external commands the scripts and the shells themselves use; `node` runs the official CLI and
# `dotnet` the pwsh that `dotnet tool install` provides.
TOOLS = ("sh", "env", "grep", "sort", "cat", "printf", "basename", "seq", "touch", "rm", "mkdir", "mv", "ls", "chmod",
         "sed", "cut", "tr", "head", "uname", "node", "tmux", "dotnet")

SCRIPT_SUFFIX = {"bash": ".bash", "zsh": ".zsh", "fish": ".fish", "pwsh": ".ps1", "nu": ".nu", "elvish": ".elv",
                 "xonsh": ".xsh"}

# Where `npm install` in tests/shells/nu puts nushell (@nushell/linux-x64 ships the binary).
NU_FROM_NPM = Path(__file__).resolve().parent / "nu" / "node_modules" / "@nushell" / "linux-x64" / "bin" / "nu"


def find_shell(shell):
    """The shell's executable; pwsh also where `dotnet tool install --global` puts it."""
    if shell == "pwsh":
        found = os.environ.get("TRIPLYDB_PWSH") or shutil.which("pwsh")
        home_tool = Path.home() / ".dotnet" / "tools" / "pwsh"
        if not found and home_tool.exists():
            found = str(home_tool)
    elif shell == "nu":
        found = os.environ.get("TRIPLYDB_NU") or shutil.which("nu") or (str(NU_FROM_NPM) if NU_FROM_NPM.exists() else None)
    else:
        found = shutil.which(shell)
    if not found:
        skip_or_fail(f"{shell} is not installed")
    return found


def shell_command(shell, executable, script):
    """The command line that runs a script file non-interactively, without the user's rc files."""
    return {
        "bash": [executable, "--norc", "--noprofile", str(script)],
        "zsh": [executable, "-f", str(script)],
        "fish": [executable, "--no-config", str(script)],
        "pwsh": [executable, "-NoProfile", "-NoLogo", "-NonInteractive", "-File", str(script)],
        "nu": [executable, "--no-config-file", "--no-history", str(script)],
        "elvish": [executable, "-norc", str(script)],
        "xonsh": [executable, "--no-rc", "--no-script-cache", str(script)],
    }[shell]


def quote(shell, text):
    """A literal for the harness's own paths; the program's quoting is what the tests test."""
    if shell == "pwsh":
        return "'" + text.replace("'", "''") + "'"
    if shell == "fish":
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if shell == "nu":
        return json.dumps(text, ensure_ascii=False)
    if shell == "elvish":
        return "'" + text.replace("'", "''") + "'"
    if shell == "xonsh":
        return repr(text)
    return "'" + text.replace("'", "'\\''") + "'"


def make_token(name):
    """A JWT in the shape TriplyDB issues: its `iss` is the instance."""
    return mint_token({"uid": "u-" + name, "iss": INSTANCE, "iat": 1700000000, "jti": name}, ("sig-" + name).encode())


def yaml_string(value):
    """A YAML double-quoted scalar that holds any text without NUL, byte for byte."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def profiles_yaml(profiles, default=None):
    """profiles: list of dicts with name and optional account/description."""
    lines = ["version: 1"]
    if default:
        lines.append(f"default: {default}")
    lines.append("profiles:")
    for profile in profiles:
        lines.append(f"  {profile['name']}:")
        lines.append(f"    instance: {INSTANCE}")
        lines.append(f"    token: {make_token(profile['name'])}")
        if profile.get("account") is not None:
            lines.append(f"    account: {yaml_string(profile['account'])}")
    return "\n".join(lines) + "\n"


def expected_variables(profile):
    """The TRIPLYDB_* lines that `env | sort` shows after `use` of the profile."""
    if profile is None:
        return []
    lines = [f"TRIPLYDB_ACCOUNT={profile['account']}"] if profile.get("account") is not None else []
    lines += [f"TRIPLYDB_API={INSTANCE}", f"TRIPLYDB_PROFILE={profile['name']}",
              f"TRIPLYDB_TOKEN={make_token(profile['name'])}"]
    return lines


class Sandbox:
    """A private HOME and profiles file; nothing of the real user's configuration is read."""

    def __init__(self, program):
        self.program = str(Path(program).resolve())
        self.dir = Path(tempfile.mkdtemp(prefix="triplydb-shells-"))
        self.home = self.dir / "home"
        self.home.mkdir()
        self.profiles = self.dir / "profiles.yaml"
        self.show = self.dir / "show.sh"
        # Prints the exported TRIPLYDB_* variables as a child process sees them.
        self.show.write_text("env | grep -E '^TRIPLYDB_(TOKEN|API|PROFILE|ACCOUNT)=' | LC_ALL=C sort\n")
        # PATH holds only these tools, so whether the official CLI is "installed" is the test's choice.
        self.bin = self.dir / "bin"
        self.bin.mkdir()
        for tool in TOOLS:
            found = shutil.which(tool)
            if found:
                (self.bin / tool).symlink_to(found)

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def environment(self, path_dirs=(), extra=None):
        env = {
            "HOME": str(self.home),
            "PATH": os.pathsep.join([*map(str, path_dirs), str(self.bin)]),
            "TRIPLYDB_PROFILES": str(self.profiles),
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local/share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
            "POWERSHELL_TELEMETRY_OPTOUT": "1",
            "POWERSHELL_UPDATECHECK": "Off",
        }
        env.update(extra or {})
        return env

    def run(self, shell, executable, body, init_args="", program=None, path_dirs=(), extra_env=None,
            load_init=True, timeout=120):
        """Runs prelude + init + body in the shell; returns (status, stdout, stderr)."""
        program = program or self.program
        environment = self.environment(path_dirs, extra_env)
        text = PRELUDES[shell]
        body = body.replace("SHOW", "sh " + quote(shell, str(self.show)))
        if shell == "nu":
            body = re.sub(r"^status_of (.+)$", NU_STATUS_OF, body, flags=re.M)
        elif shell == "elvish":  # also at the end of a pipeline
            body = re.sub(r"^(.*\| )?status_of (.+)$", r"\1status_of { \2 }", body, flags=re.M)
        init_file, body_file = self.dir / "init.nu", self.dir / "body.elv"
        said_at_init = b""  # what `init nu` printed on stderr when the user saved its output
        if load_init and shell == "nu":
            init = subprocess.run([program, "init", "nu", *init_args.split()], env=environment, capture_output=True)
            init_file.write_bytes(init.stdout)
            said_at_init = init.stderr
        if load_init:
            text += INIT_LINES[shell].format(bin=quote(shell, program), args=init_args,
                                             init_file=quote(shell, str(init_file)), body_file=quote(shell, str(body_file)))
        if load_init and shell == "elvish":
            body_file.write_text(body)
        else:
            text += body
        script = self.dir / ("script" + SCRIPT_SUFFIX[shell])
        script.write_text(text)
        result = subprocess.run(shell_command(shell, executable, script), env=environment,
                                cwd=self.dir, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        return result.returncode, result.stdout.decode(errors="replace"), (said_at_init + result.stderr).decode(errors="replace")


def official_cli_dir():
    """The folder holding the official CLI's `triplydb` (npm install @triply/triplydb), or None:
    $TRIPLYDB_OFFICIAL_CLI_DIR, else the CMake cache's TRIPLYDB_OFFICIAL_CLI_DIR."""
    folder = os.environ.get("TRIPLYDB_OFFICIAL_CLI_DIR") or os.environ.get("TRIPLYDB_OFFICIAL_CLI_DEFAULT_DIR", "")
    if folder and (Path(folder) / "triplydb").exists():
        return Path(folder)
    return None


def hostile_names(marker):
    """Profile names that run `touch marker`, expand or split if a completion evaluates them. The
    loader refuses such names; a forged snapshot or another program's output could still hold them."""
    return [f"$(touch {marker})", f"`touch {marker}`", f"; touch {marker}", "${HOME}", "$HOME", "*", "a b", "-n",
            "x\\y", "'q'", f"\u2019; touch {marker}; \u2018"]


def names_stub(box, names):
    """A stand-in program that answers `complete` as the real one does and then offers `names` too
    (those that start with the word being completed); everything else goes to the real one."""
    stub = box.dir / "names-stub" / "triplydb-profile"
    stub.parent.mkdir(exist_ok=True)
    real = quote("bash", box.program)
    stub.write_text("#!/bin/sh\n# Adds the names given to what the real program offers.\n"
                    f"if [ \"$1\" = complete ]; then\n  {real} \"$@\"\n  for last; do :; done\n"
                    "  for name in " + " ".join(quote("bash", n) for n in names) + "; do\n"
                    "    case $name in \"$last\"*) printf '%s\\n' \"$name\" ;; esac\n  done\n  exit 0\nfi\n"
                    f"exec {real} \"$@\"\n")
    stub.chmod(0o755)
    return stub


def use_program(shell, program):
    """Shell code, after init, that loads the functions now (bash and zsh load them on first use,
    naming the real program) and then has them run `program`."""
    q = quote(shell, str(program))
    return {"bash": f"if declare -F __triplydb_load >/dev/null; then __triplydb_load; fi; __triplydb_bin={q}\n",
            "zsh": f"if (( $+functions[__triplydb_load] )); then __triplydb_load; fi; __triplydb_bin={q}\n",
            "fish": f"set -g __triplydb_bin {q}\n",
            "pwsh": f"$global:__triplydb_bin = {q}\n",
            "nu": f"$env.__triplydb.bin = {q}\n",
            "elvish": f"set __triplydb_bin = {q}\n",
            # execx keeps init's names in a namespace of their own, which the function's globals are.
            "xonsh": f"aliases['triplydb'].__globals__['_triplydb_state']['bin'] = {q}\n"}[shell]
