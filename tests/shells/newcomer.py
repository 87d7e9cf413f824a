"""What a new user meets at `use`, through the real function in the real shell: an expired token
refused (and --force), one about to expire warned of, a new shell's expired default left off, and
on a terminal (tmux) the line that says which profile is active now.
Usage: newcomer.py SHELL PROGRAM"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import harness
import tmux_completion

NOW = int(time.time())


def token(name, exp):
    payload = {"uid": "u-" + name, "iss": harness.INSTANCE, "iat": NOW - 86400, "jti": name, "exp": exp}
    return harness.mint_token(payload, ("sig-" + name).encode())


PROFILES = {"prod": NOW + 86400 * 60, "old": NOW - 86400 * 2, "soon": NOW + 86400 * 3 + 600}


def profiles_yaml(default=None):
    lines = ["version: 1"] + ([f"default: {default}"] if default else []) + ["profiles:"]
    for name, exp in PROFILES.items():
        lines += [f"  {name}:", f"    instance: {harness.INSTANCE}", f"    token: {token(name, exp)}", "    account: acme"]
    return "\n".join(lines) + "\n"


def write_profiles(box, default=None):
    box.profiles.write_text(profiles_yaml(default))
    box.profiles.chmod(0o600)


def utc(seconds):
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(seconds))


class Checks:
    def __init__(self, shell):
        self.shell, self.passed, self.failed = shell, 0, 0

    def equal(self, got, expected, label):
        if got == expected:
            self.passed += 1
            print(f"ok   {self.shell}: {label}")
        else:
            self.failed += 1
            print(f"FAIL {self.shell}: {label}\n     got:      {got!r}\n     expected: {expected!r}")


def echo_profile(shell):
    if shell == "pwsh":
        return 'echo "[$env:TRIPLYDB_PROFILE]"\n'
    if shell == "nu":
        return "print $\"[($env.TRIPLYDB_PROFILE? | default '')]\"\n"
    if shell == "elvish":  # an unset $E: variable is the empty string
        return "echo '['$E:TRIPLYDB_PROFILE']'\n"
    if shell == "xonsh":
        return "print('[' + ${...}.get('TRIPLYDB_PROFILE', '') + ']')\n"
    return 'printf "[%s]\\n" "$TRIPLYDB_PROFILE"\n' if shell == "fish" else 'printf "[%s]\\n" "${TRIPLYDB_PROFILE-}"\n'


def scripted(shell, executable, box, checks):
    expired = (f"triplydb-profile: the token of profile 'old' expired on {utc(PROFILES['old'])}; make a new one at "
               "https://triplydb.com/me/-/settings/tokens and run 'triplydb add old --force', or 'triplydb use old "
               "--force' to activate it anyway; nothing was changed\n")
    write_profiles(box)
    status, out, err = box.run(shell, executable, "triplydb use prod\nstatus_of triplydb use old\n" + echo_profile(shell))
    checks.equal((status, out, err), (0, "status=1\n[prod]\n", expired),
                 "use of an expired token is refused, says when and where, and changes nothing")

    status, out, err = box.run(shell, executable, "triplydb use old --force\n" + echo_profile(shell))
    checks.equal((status, out, err.splitlines()[0] if err else ""),
                 (0, "[old]\n", "triplydb-profile: warning: " + expired.split(": ", 1)[1].split(", or ")[0]),
                 "use --force activates an expired token with a warning")

    status, out, err = box.run(shell, executable, "triplydb use soon\n" + echo_profile(shell))
    checks.equal((status, out, err),
                 (0, "[soon]\n", f"triplydb-profile: warning: the token of profile 'soon' expires on {utc(PROFILES['soon'])}, "
                                 "in 3 days; make a new one at https://triplydb.com/me/-/settings/tokens\n"),
                 "use of a token that expires within 7 days warns on standard error")

    status, out, err = box.run(shell, executable, "triplydb use prod\n" + echo_profile(shell))
    checks.equal((status, out, err), (0, "[prod]\n", ""), "use says nothing when standard error is not a terminal")

    write_profiles(box, default="old")
    status, out, err = box.run(shell, executable, echo_profile(shell))
    checks.equal((status, out, err),
                 (0, "[]\n", "triplydb-profile: the default profile was not activated: "
                  + expired.split(": ", 1)[1].split(", or ")[0].replace("'triplydb add", "'triplydb-profile add") + "\n"),
                 "a new shell's default with an expired token is not activated, and says so once")

    # Hints name the command the user typed.
    box.profiles.unlink()
    call = program_call(shell, box.program)
    status, out, err = box.run(shell, executable, f"triplydb list\n{call} list\n")
    checks.equal(err.splitlines(), [f"No profiles yet in {box.profiles}. Add one with 'triplydb add NAME'.",
                                    f"No profiles yet in {box.profiles}. Add one with 'triplydb-profile add NAME'."],
                 "a hint names 'triplydb add' after 'triplydb list', 'triplydb-profile add' after 'triplydb-profile list'")
    status, out, err = box.run(shell, executable, "status_of tdb show nothing\n", init_args=" --cmd tdb")
    checks.equal((out, err), ("status=1\n", "triplydb-profile: unknown profile 'nothing'; there are no profiles yet: run "
                                            "'tdb add nothing'\n"), "with init --cmd tdb, hints name tdb")


def program_call(shell, program):
    """The program by its quoted path, as a command of this shell."""
    if shell == "xonsh":
        return f"@({harness.quote(shell, program)})"
    return {"pwsh": "& ", "nu": "^"}.get(shell, "") + harness.quote(shell, program)


OWN_FILE = {"bash": ".bashrc", "zsh": ".zshrc", "fish": ".config/fish/config.fish",
            "pwsh": ".config/powershell/Microsoft.PowerShell_profile.ps1", "nu": ".config/nushell/env.nu",
            "elvish": ".config/elvish/rc.elv", "xonsh": ".xonshrc"}
INIT_HINT = {"bash": 'eval "$(triplydb-profile init bash)"', "zsh": 'eval "$(triplydb-profile init zsh)"',
             "fish": "triplydb-profile init fish | source", "pwsh": "Invoke-Expression (& triplydb-profile init pwsh | Out-String)",
             "nu": "mkdir $nu.cache-dir; triplydb-profile init nu | save -f ($nu.cache-dir | path join triplydb.nu)",
             "elvish": "eval (triplydb-profile init elvish | slurp)", "xonsh": "execx($(triplydb-profile init xonsh))"}
# What doctor says to add, where it is more than the line (nushell: a second line in config.nu).
WHAT_TO_ADD = {"nu": f"'{INIT_HINT['nu']}' and 'source ($nu.cache-dir | path join triplydb.nu)' to config.nu beside it"}


def doctor(shell, executable, box, checks):
    """doctor checks the start-up file of the shell it runs in, and names the other shells' files."""
    write_profiles(box)
    other = ".zshrc" if shell == "bash" else ".bashrc"
    (box.home / other).write_text('eval "$(triplydb-profile init bash)"\n')
    call = program_call(shell, box.program)
    status, out, err = box.run(shell, executable, f"{call} doctor\n")
    lines = [line for line in out.splitlines() if "shell integration" in line or "init line" in line]
    what = WHAT_TO_ADD.get(shell, f"'{INIT_HINT[shell]}'")
    checks.equal(lines, [f"warn  no triplydb-profile init line in {box.home / OWN_FILE[shell]}, the start-up file of {shell}: "
                         f"add {what} to it to get 'triplydb use'",
                         f"info  shell integration also set up for {'zsh' if shell == 'bash' else 'bash'} in {box.home / other}"],
                 "doctor checks this shell's start-up file and names the other shell's")
    own = box.home / OWN_FILE[shell]
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(INIT_HINT[shell] + "\n")
    status, out, err = box.run(shell, executable, f"{call} doctor\n")
    lines = [line for line in out.splitlines() if "shell integration" in line or "init line" in line]
    checks.equal(lines[:1], [f"ok    shell integration for {shell} is set up in {own}"], "doctor finds this shell's start-up file")
    own.unlink()
    (box.home / other).unlink()


def on_terminal(shell, executable, box, checks):
    """On a terminal: use says where it switched to; -q says nothing."""
    write_profiles(box)
    session = tmux_completion.Tmux(box, tmux_completion.interactive_command(shell, executable, box))
    prompt = tmux_completion.SHOWN_PROMPT
    try:
        screen, ready = session.wait_for(lambda s: prompt in s, tmux_completion.TIMEOUT)
        if not ready:
            return checks.equal(screen, "a prompt", "the shell starts in tmux")
        session.keys("triplydb use prod", literal=True)
        session.keys("Enter")
        screen, _ = session.wait_for(lambda s: s.count(prompt) >= 2, tmux_completion.TIMEOUT)
        lines = [line for line in screen.splitlines() if line.strip()]
        checks.equal(lines[1:3], ["Switched to 'prod' (https://api.triplydb.com, account acme)", prompt],
                     "use on a terminal says 'Switched to' with the instance and account")
        session.keys("triplydb use -q prod", literal=True)
        session.keys("Enter")
        screen, _ = session.wait_for(lambda s: s.count(prompt) >= 3, tmux_completion.TIMEOUT)
        lines = [line for line in screen.splitlines() if line.strip()]
        checks.equal(lines[2:], [prompt + " triplydb use -q prod", prompt], "use -q says nothing on a terminal")
        before = box.profiles.read_bytes()
        session.keys("triplydb remove prod", literal=True)
        session.keys("Enter")
        question = ("Remove profile 'prod' (https://api.triplydb.com)? Its token cannot be shown again by TriplyDB; keep a copy "
                    "if you still need it. [y/N]")
        screen, asked = session.wait_for(lambda s: "[y/N]" in s, tmux_completion.TIMEOUT)
        joined = session.tmux("capture-pane", "-p", "-J", "-t", "t")  # the question joined where the terminal wrapped it
        checks.equal(question if asked and question in joined else joined, question, "remove on a terminal asks first")
        session.keys("n", "Enter")
        screen, _ = session.wait_for(lambda s: s.count(prompt) >= 4, tmux_completion.TIMEOUT)
        checks.equal(("triplydb-profile: nothing was removed" in screen, box.profiles.read_bytes() == before), (True, True),
                     "answering n removes nothing: the file is unchanged byte for byte")
        session.keys("triplydb remove -y soon", literal=True)
        session.keys("Enter")
        screen, _ = session.wait_for(lambda s: s.count(prompt) >= 5, tmux_completion.TIMEOUT)
        checks.equal(("Removed profile 'soon'." in screen, "[y/N]" in screen.split("remove -y soon")[-1], "soon:" in box.profiles.read_text()),
                     (True, False, False), "remove -y does not ask")
    finally:
        session.close()


BROKEN = "version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: [\n"


def scripted_editor(box):
    """An $EDITOR that first writes a broken file, then a fixed one (the file with a comment and
    a description added), counting its runs in a state file."""
    state, fixed = box.dir / "editor-runs", box.dir / "fixed.yaml"
    fixed.write_text("# edited by hand\n" + profiles_yaml().replace("    account: acme\n", "    account: acme\n    description: edited\n", 1))
    broken = box.dir / "broken.yaml"
    broken.write_text(BROKEN)
    editor = box.dir / "editor.sh"
    editor.write_text(f"#!/bin/sh\nn=$(cat {state} 2>/dev/null || echo 0)\nn=$((n + 1))\necho $n >{state}\n"
                      f"if [ $n = 1 ]; then cat {broken} >\"$1\"; else cat {fixed} >\"$1\"; fi\n")
    editor.chmod(0o755)
    return editor, state, fixed


def export_editor(shell, editor):
    q = harness.quote(shell, str(editor))
    return {"bash": f"export EDITOR={q}", "zsh": f"export EDITOR={q}", "fish": f"set -gx EDITOR {q}",
            "pwsh": f"$env:EDITOR = {q}", "nu": f"$env.EDITOR = {q}", "elvish": f"set-env EDITOR {q}",
            "xonsh": f"$EDITOR = {q}"}[shell]


def edit(shell, executable, box, checks):
    """edit on a terminal: a broken file is refused with file:line:column and the editor opens
    again on y; the fixed file then replaces the profiles file byte for byte. n leaves it as it was."""
    prompt = tmux_completion.SHOWN_PROMPT
    editor, state, fixed = scripted_editor(box)
    for answer in ("y", "n"):
        write_profiles(box)
        before = box.profiles.read_bytes()
        state.unlink(missing_ok=True)
        session = tmux_completion.Tmux(box, tmux_completion.interactive_command(shell, executable, box, export_editor(shell, editor)))
        try:
            screen, ready = session.wait_for(lambda s: prompt in s, tmux_completion.TIMEOUT)
            session.keys("triplydb edit", literal=True)
            session.keys("Enter")
            screen, asked = session.wait_for(lambda s: "Edit again? [y/N]" in s, tmux_completion.TIMEOUT)
            joined = session.tmux("capture-pane", "-p", "-J", "-t", "t")
            where = f"triplydb-profile: {box.profiles}:6:1: end of sequence flow not found: a '[' without its ']'"
            checks.equal(asked and where in joined, True, f"edit shows file:line:column for a broken file and offers to edit again ({answer})")
            session.keys(answer, "Enter")
            screen, _ = session.wait_for(lambda s: s.count(prompt) >= 2, tmux_completion.TIMEOUT)
            if answer == "y":
                checks.equal((f"Saved {box.profiles} (3 profiles)." in screen, box.profiles.read_bytes() == fixed.read_bytes()), (True, True),
                             "after y the fixed file replaces the profiles file byte for byte")
            else:
                checks.equal((f"nothing was changed; {box.profiles} is as it was" in session.tmux("capture-pane", "-p", "-J", "-t", "t"),
                              box.profiles.read_bytes() == before), (True, True), "after n the profiles file is unchanged byte for byte")
            checks.equal(sorted(p.name for p in box.dir.iterdir() if p.name.startswith(".edit-")), [], "edit leaves no copy behind")
        finally:
            session.close()


NO_ROOT_HINT = "or for yourself (no root): npm install --global --prefix ~/.local @triply/triplydb, with ~/.local/bin on PATH"


def npm_hint(shell, executable, box, checks):
    """Without the official CLI the function names an npm command for a user without root; typed
    as it stands in this shell by the user nobody (with a local package for @triply/triplydb), it
    installs a triplydb that runs."""
    status, out, err = box.run(shell, executable, "status_of triplydb import-from-file data.ttl\n")
    checks.equal((out, NO_ROOT_HINT in err.splitlines()), ("status=127\n", True), "the npm hint has a form for a user without root")
    if os.geteuid() != 0 or not shutil.which("npm") or not shutil.which("setpriv"):
        return harness.skip_or_fail("the npm hint is tried as the user nobody only as root, with npm and setpriv")
    work = Path(tempfile.mkdtemp(prefix="triplydb-npm-"))
    try:
        work.chmod(0o755)
        package = work / "pkg"
        (package / "bin").mkdir(parents=True)
        (package / "package.json").write_text(json.dumps({"name": "@triply/triplydb", "version": "0.0.0-test",
                                                          "bin": {"triplydb": "bin/triplydb.js"}}))
        (package / "bin" / "triplydb.js").write_text("#!/usr/bin/env node\nconsole.log('official CLI stand-in')\n")
        subprocess.run(["npm", "pack", "--pack-destination", str(work)], cwd=package, capture_output=True, check=True, timeout=120)
        tarball = next(work.glob("*.tgz"))
        tarball.chmod(0o644)
        home = work / "home"
        home.mkdir()
        os.chown(home, 65534, 65534)
        typed = NO_ROOT_HINT.split(": ", 1)[1].split(", with", 1)[0].replace("@triply/triplydb", str(tarball))
        # This shell reads the line as the user types it (a stand-in npm records the words it gets);
        # then npm gets those words as the user nobody, whose HOME it is.
        stub = work / "stub"
        stub.mkdir()
        (stub / "npm").write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" >{work / 'words'}\n")
        (stub / "npm").chmod(0o755)
        script = work / ("hint" + harness.SCRIPT_SUFFIX[shell])
        script.write_text(typed + "\n")
        env = box.environment(extra={"HOME": str(home), "PATH": f"{stub}:{box.bin}:/usr/bin:/bin"})
        subprocess.run(harness.shell_command(shell, executable, script), env=env, cwd=home, capture_output=True, timeout=120)
        words = (work / "words").read_text().splitlines() if (work / "words").exists() else []
        checks.equal(words, ["install", "--global", "--prefix", f"{home}/.local", str(tarball)],
                     "the hint typed in this shell gives npm the user's own ~/.local as prefix")
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin"]
        installed = subprocess.run(nobody + ["npm", *words, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], cwd=home,
                                   capture_output=True, text=True, timeout=300)
        ran = subprocess.run(nobody + [str(home / ".local/bin/triplydb")], capture_output=True, text=True, timeout=60)
        checks.equal((installed.returncode, ran.stdout), (0, "official CLI stand-in\n"),
                     "run by a user without root, it installs a triplydb in ~/.local/bin that runs")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def described_completion(shell, executable, box, checks):
    """zsh and fish list each profile with its instance and account beside its name (one run of
    `complete --describe`); bash cannot show descriptions, and PowerShell's are tooltips."""
    if shell not in ("zsh", "fish"):
        return
    write_profiles(box)

    def described(screen):
        below = screen.split("triplydb use", 1)[-1]
        return all(any(name in line and "https://api.triplydb.com (acme)" in line for line in below.splitlines())
                   for name in PROFILES)

    ok, screen = tmux_completion.complete(shell, executable, box, "triplydb use ", described)
    checks.equal(ok or screen, True, "use <TAB> lists each profile with its instance and account")


def main():
    shell, program = sys.argv[1], sys.argv[2]
    executable = harness.find_shell(shell)
    box = harness.Sandbox(program)
    checks = Checks(shell)
    try:
        scripted(shell, executable, box, checks)
        doctor(shell, executable, box, checks)
        npm_hint(shell, executable, box, checks)
        if shutil.which("tmux"):
            on_terminal(shell, executable, box, checks)
            described_completion(shell, executable, box, checks)
            edit(shell, executable, box, checks)
        else:
            harness.skip_or_fail("tmux is not installed")
    finally:
        box.cleanup()
    print(f"newcomer-{shell}: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
