"""The README's prompt snippets work in real shells: after `triplydb use prod` the prompt shows
[triplydb:prod], after `triplydb off` it shows nothing, and a hostile TRIPLYDB_PROFILE value is
printed, never run. The snippets are read from README.md's section "Show the active profile in
your prompt", so the README cannot drift from what is tested.
Usage: test_prompt.py PATH_TO_triplydb-profile README.md"""
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import SOURCE_DIR, Checks, on_ci, private_env, require_tool, skip_or_fail  # noqa: E402

PROGRAM, README = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2])
HEADING = "## Show the active profile in your prompt"
HOSTILE = "$(touch INJECTED)`touch INJECTED`"


def snippets():
    """{language: code} of the fenced blocks in the README's prompt section."""
    text = README.read_text()
    if HEADING not in text:
        skip_or_fail(f"{README} has no section '{HEADING}'")
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^```(\w+)\n(.*?)^```", section, re.MULTILINE | re.DOTALL))


def states_script(init, set_hostile, show):
    """One script per shell: the prompt shown with no profile, after use, with a hostile value, after off."""
    return "\n".join([init, show("none"), "triplydb use prod", show("prod"), set_hostile, show("hostile"),
                      "triplydb off", show("off"), ""])


def prompts_after_markers(output, prompt_end):
    """What the interactive shell printed as its prompt right after each `echo STATE-x`."""
    return {m.group(1): m.group(2) for m in re.finditer(rf"STATE-(\w+)\n(.*?{re.escape(prompt_end)})", output)}


def check_states(checks, shell, got, work, expected_hostile, times=1):
    label = shell if times == 1 else f"{shell} (start-up file read {times} times)"
    checks.equal(got.get("none"), "> " if shell in ("bash", "zsh") else "", f"{label}: no profile, nothing in the prompt")
    want = "[triplydb:prod] " + ("> " if shell in ("bash", "zsh") else "")
    checks.equal(got.get("prod"), want, f"{label}: the prompt shows the profile after 'triplydb use prod'")
    checks.equal(got.get("hostile"), expected_hostile, f"{label}: a hostile value is shown as text")
    checks.equal(got.get("off"), "> " if shell in ("bash", "zsh") else "", f"{label}: nothing after 'triplydb off'")
    checks.expect(not (work / "INJECTED").exists(), f"{label}: the prompt never runs the variable's value")


def interactive(shell_argv, script, env, work):
    try:
        return subprocess.run(shell_argv, input=script, env=env, cwd=work, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:  # a prompt that calls itself
        return subprocess.CompletedProcess(shell_argv, -1, "", "")


def main():
    checks = Checks("prompt")
    code = snippets()
    for language in ("toml", "bash", "zsh", "fish", "powershell"):
        checks.expect(language in code, f"README prompt section has a {language} block")
    with tempfile.TemporaryDirectory(prefix="triplydb-prompt.") as tmp:
        work = Path(tmp)
        profiles = work / "profiles.yaml"
        shutil.copy(SOURCE_DIR / "profiles/example.yaml", profiles)
        env = private_env(work, profiles)
        (work / "home").mkdir()

        starship = tomllib.loads(code.get("toml", ""))
        module = starship.get("env_var", {}).get("TRIPLYDB_PROFILE", {})
        checks.equal(module.get("variable"), "TRIPLYDB_PROFILE", "starship: env_var module reads TRIPLYDB_PROFILE")
        checks.expect("$env_value" in module.get("format", ""), "starship: the format shows $env_value")

        for times in (1, 2):
            check_shells(checks, code, env, work, times)
    checks.finish()


def check_shells(checks, code, env, work, times):
    """The snippets as the start-up file has them, read `times` times (`source ~/.zshrc`, `. $PROFILE`)."""
    code = {language: text * times for language, text in code.items()}
    if "bash" in code:
        script = "PS1='> '\n" + states_script(f'eval "$({PROGRAM} init bash --no-default)"\n' + code["bash"],
                                              f"TRIPLYDB_PROFILE='{HOSTILE}'", lambda s: f"echo STATE-{s} >&2")
        result = interactive(["bash", "--norc", "--noprofile", "-i"], script, env, work)
        check_states(checks, "bash", prompts_after_markers(result.stderr, "> "), work, f"[triplydb:{HOSTILE}] > ", times)
    require_tool("zsh")
    if "zsh" in code:
        script = "setopt no_prompt_sp no_prompt_cr\nPROMPT='> '\n" + states_script(
            f'eval "$({PROGRAM} init zsh --no-default)"\n' + code["zsh"], f"TRIPLYDB_PROFILE='{HOSTILE}'",
            lambda s: f"echo STATE-{s} >&2")
        result = interactive(["zsh", "-f", "-i"], script, env, work)
        check_states(checks, "zsh", prompts_after_markers(result.stderr, "> "), work, f"[triplydb:{HOSTILE}] > ", times)
    require_tool("fish")
    if "fish" in code:
        script = states_script(f"{PROGRAM} init fish --no-default | source\n" + code["fish"],
                               f"set -gx TRIPLYDB_PROFILE '{HOSTILE}'",
                               lambda s: f"printf 'STATE-{s}\\n%s|\\n' (fish_right_prompt)")
        result = interactive(["fish", "--no-config", "-c", script], "", env, work)
        got = {k: v[:-1] for k, v in prompts_after_markers(result.stdout, "|").items()}
        check_states(checks, "fish", got, work, f"[triplydb:{HOSTILE}] ", times)
    pwsh = shutil.which("pwsh") or str(Path.home() / ".dotnet/tools/pwsh")
    if not Path(pwsh).exists():
        skip_or_fail("pwsh is not installed")
    if "powershell" in code:
        script = "function global:prompt { '> ' }\n" + states_script(
            f"Invoke-Expression (& '{PROGRAM}' init pwsh --no-default | Out-String)\n" + code["powershell"],
            f"$env:TRIPLYDB_PROFILE = '{HOSTILE}'", lambda s: f"Write-Output \"STATE-{s}\"; Write-Output ((prompt) + '|')")
        result = interactive([pwsh, "-NoProfile", "-NonInteractive", "-Command", "-"], script, env, work)
        got = {k: v[:-1] for k, v in prompts_after_markers(result.stdout, "|").items()}
        checks.equal(got.get("prod"), "[triplydb:prod] > ", f"pwsh ({times}x): the prompt shows the profile after 'triplydb use prod'")
        checks.equal(got.get("off"), "> ", f"pwsh ({times}x): nothing after 'triplydb off'")
        checks.equal(got.get("hostile"), f"[triplydb:{HOSTILE}] > ", f"pwsh ({times}x): a hostile value is shown as text")
        if not got:
            print(result.stdout, result.stderr)


if __name__ == "__main__":
    main()
