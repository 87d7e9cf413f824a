"""The pick list of `triplydb use` alone, typed in a real terminal (tmux): the active profile is
marked and each line shows instance and account; a wrong number says so and asks again; `q` and an
empty line leave the shell as it was; a number activates that profile.
Usage: tmux_pick.py SHELL PROGRAM"""
import re
import shutil
import sys

import harness
from tmux_completion import SHOWN_PROMPT, TIMEOUT, Tmux, interactive_command

PROFILES = [{"name": "prod", "account": "acme"}, {"name": "staging"}, {"name": "acme-read", "account": "acme"}]
ASKED = "Profile number (1 to 3; q or Enter: leave unchanged):"
MARKED = re.compile(r"^\* 1\) prod +https://api\.triplydb\.com +account acme +\(active\)$", re.MULTILINE)
UNMARKED = re.compile(r"^  2\) staging +https://api\.triplydb\.com +account -$", re.MULTILINE)


class Steps:
    """One terminal session; each step types a line and waits for what must appear."""

    def __init__(self, shell, executable, box):
        self.session = Tmux(box, interactive_command(shell, executable, box))
        self.variable = "$env:TRIPLYDB_PROFILE" if shell == "pwsh" else "$TRIPLYDB_PROFILE"
        self.shell = shell
        self.failures = []
        self.passed = 0

    def type_line(self, text, label, predicate):
        before = self.session.screen()
        if text:
            self.session.keys(text, literal=True)
        self.session.keys("Enter")
        screen, ok = self.session.wait_for(lambda s: s != before and predicate(s), TIMEOUT)
        print(f"{'ok  ' if ok else 'FAIL'} {label}")
        self.passed += bool(ok)
        if not ok:
            self.failures.append(label)
            print("     screen:\n     " + screen.rstrip().replace("\n", "\n     "))
        return ok

    def prompts(self):
        return self.session.screen().count(SHOWN_PROMPT)

    def active_is(self, name, label):
        line = "print('[' + $TRIPLYDB_PROFILE + ']')" if self.shell == "xonsh" else f'echo "[{self.variable}]"'  # xonsh has no echo
        return self.type_line(line, label, lambda s: f"\n[{name}]" in s.split(self.variable)[-1])


def main():
    shell, program = sys.argv[1], sys.argv[2]
    executable = harness.find_shell(shell)
    if not shutil.which("tmux"):
        harness.skip_or_fail("tmux is not installed")
    box = harness.Sandbox(program)
    box.profiles.write_text(harness.profiles_yaml(PROFILES, default="prod"))
    box.profiles.chmod(0o600)
    steps = Steps(shell, executable, box)
    try:
        screen, ready = steps.session.wait_for(lambda s: SHOWN_PROMPT in s, TIMEOUT)
        if not ready:
            print("FAIL no prompt appeared:\n" + screen)
            return 1
        steps.type_line("triplydb use", f"{shell}: the list marks the active profile and shows instance and account",
                        lambda s: ASKED in s and MARKED.search(s) and UNMARKED.search(s))
        steps.type_line("7", f"{shell}: a wrong number says so and asks again",
                        lambda s: "'7' is not a profile number: type 1 to 3, or q to leave" in s and s.count(ASKED) == 2)
        prompts = steps.prompts()
        steps.type_line("q", f"{shell}: q leaves the list", lambda s: "No profile chosen; nothing changed." in s and
                        s.count(SHOWN_PROMPT) > prompts)
        steps.active_is("prod", f"{shell}: after q the shell is still on prod")
        steps.type_line("triplydb use", f"{shell}: the list again", lambda s: s.count(ASKED) == 3)
        prompts = steps.prompts()
        steps.type_line("", f"{shell}: an empty line leaves the list", lambda s: "nothing changed" in s and
                        s.count(SHOWN_PROMPT) > prompts)
        steps.active_is("prod", f"{shell}: after an empty line the shell is still on prod")
        steps.type_line("triplydb use", f"{shell}: the list once more", lambda s: s.count(ASKED) == 4)
        prompts = steps.prompts()
        steps.type_line("2", f"{shell}: 2 is chosen", lambda s: s.count(SHOWN_PROMPT) > prompts)
        steps.active_is("staging", f"{shell}: after 2 the shell is on staging")
    finally:
        steps.session.close()
        box.cleanup()
    print(f"tmux_pick {shell}: {steps.passed} passed, {len(steps.failures)} failed")
    return 1 if steps.failures else 0


if __name__ == "__main__":
    sys.exit(main())
