"""Project folders in a real shell under its strict mode: the shell `cd`s through a tree with a
project file, a nested project, a personal binding, a symlinked folder and unrelated folders, and
the variables are checked after every step: activation, giving back exactly what the shell had
(a profile, or nothing), an explicit `use` winning inside a tree until the shell leaves it, an
unallowed and a changed project file activating nothing, no match and several matches.
bash runs its hook from PROMPT_COMMAND, which a script has to run itself (PROMPT below); zsh
(chpwd), fish (PWD), pwsh (LocationChangedAction), elvish ($after-chdir) and xonsh (on_chdir) run
theirs on `cd` in a script too; nushell only before a prompt of its REPL (PROMPT below runs them).
Usage: project_folders.py SHELL PROGRAM"""
import difflib
import os
import sys

import harness

ACME = "https://api.data.acme.example"
PUBLIC = "https://api.triplydb.com"
# name: (instance, account)
PROFILES = {
    "acme": (ACME, "acme"),
    "acme-read": (ACME, "readers"),
    "public": (PUBLIC, "pub"),
    "mine": (PUBLIC, "it's \"mine\" $(x) `y` \\"),
    "withvars": ("https://api.vars.example", "v"),
}
# The `vars:` of the profile withvars: TriplyETL's ENV (allowed in the user's own profile) and a hostile value.
PROFILE_VARS = {"ENV": "acceptance", "ETL_NOTE": "profile's \"note\" $(touch pwned) \\"}
# A project var's value comes back byte for byte and never runs, like the account.
HOSTILE = "it's \"q\" $(touch pwned) `touch pwned` \\ % ! \u2018x\u2019 \u00e9"
# elvish's cd is physical: `..` from the symlinked folder is proj, where the other shells' is ROOT.
# xonsh's cd looks for `../proj` from the physical folder (link's target) but then goes to it from
# the logical one: `cd ..` first, which is the same place both ways.
AFTER_LINK = {"elvish": "cd ../../proj", "xonsh": "cd ..\ncd proj"}
PROMPT = {"bash": 'eval "$PROMPT_COMMAND"', "zsh": ":", "fish": "true", "pwsh": "$null = 0", "elvish": "nop", "xonsh": "pass",
          # nushell runs its env_change hooks only before a prompt of its REPL: here, as it does there.
          "nu": "for hook in ($env.config.hooks.env_change.PWD? | default []) { do --env $hook null $env.PWD }"}


def token(name):
    return harness.mint_token({"uid": "u-" + name, "iss": PROFILES[name][0], "iat": 1700000000, "jti": name},
                              ("sig-" + name).encode())


def profiles_file():
    lines = ["version: 1", "profiles:"]
    for name, (instance, account) in PROFILES.items():
        lines += [f"  {name}:", f"    instance: {instance}", f"    token: {token(name)}", f"    account: {harness.yaml_string(account)}"]
        if name == "withvars":
            lines += ["    vars:"] + [f"      {k}: {harness.yaml_string(v)}" for k, v in PROFILE_VARS.items()]
    return "\n".join(lines) + "\n"


def state(profile=None, source=None, env=None):
    """What SHOW prints when `profile` is active for `source`, with the project's ENV."""
    lines = [f"ENV={PROFILE_VARS['ENV']}"] if profile == "withvars" else []
    if env is not None:
        lines += [f"ETL_NOTE={HOSTILE}", f"ETL_STAGE={env}"]
    elif profile == "withvars":
        lines.append(f"ETL_NOTE={PROFILE_VARS['ETL_NOTE']}")
    if profile:
        instance, account = PROFILES[profile]
        lines += [f"TRIPLYDB_ACCOUNT={account}", f"TRIPLYDB_API={instance}", f"TRIPLYDB_PROFILE={profile}"]
    if source:
        lines.append(f"TRIPLYDB_PROFILE_SOURCE={source}")
    if profile:
        lines.append(f"TRIPLYDB_TOKEN={token(profile)}")
    return lines


def make_tree(root):
    def project(folder, text):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".triplydb.yaml").write_text(text)
    project(root / "proj", f"version: 1\ninstance: {ACME}\naccount: acme\nvars:\n  ETL_STAGE: acceptance\n"
                           f"  ETL_NOTE: {harness.yaml_string(HOSTILE)}\n")
    (root / "proj" / "sub").mkdir()
    project(root / "proj" / "nested", f"version: 1\ninstance: {PUBLIC}\naccount: pub\n")
    (root / "personal" / "deep").mkdir(parents=True)
    (root / "plain").mkdir()
    (root / "link").symlink_to(root / "proj" / "sub")
    project(root / "unallowed", f"version: 1\ninstance: {ACME}\naccount: acme\n")
    project(root / "several", f"version: 1\ninstance: {ACME}\n")
    project(root / "nomatch", "version: 1\ninstance: https://api.other.example\n")


# (label, commands, expected SHOW after them, text stderr must hold afterwards)
STEPS = [
    ("a new shell outside any project has nothing", "", state(), []),
    ("an unallowed project activates nothing and says how to allow it", "cd proj", state(),
     ["triplydb: ./.triplydb.yaml wants https://api.data.acme.example (account acme) (profile acme); run 'triplydb allow' to use it here"]),
    ("allow activates the project's profile and vars", "status_of triplydb allow",
     ["Allowed ROOT/proj/.triplydb.yaml (https://api.data.acme.example).", "status=0", *state("acme", "project", "acceptance")], []),
    ("a folder below keeps it", "cd sub", state("acme", "project", "acceptance"), []),
    ("a nested project that is not allowed activates nothing", "cd ../nested", state(),
     ["triplydb: ./.triplydb.yaml wants https://api.triplydb.com (account pub) (profile public); run 'triplydb allow'"]),
    ("allowing the nested project activates its profile", "status_of triplydb allow",
     ["Allowed ROOT/proj/nested/.triplydb.yaml (https://api.triplydb.com).", "status=0", *state("public", "project")], []),
    ("back in the outer project", "cd ..", state("acme", "project", "acceptance"), []),
    ("leaving gives back nothing", "cd ..", state(), []),
    ("use outside any tree", "status_of triplydb use mine", ["status=0", *state("mine", "use")], []),
    ("entering the project replaces it", "cd proj", state("acme", "project", "acceptance"), []),
    ("leaving gives back the profile, exactly", "cd ..", state("mine", "use"), []),
    ("bind makes a personal binding", "cd personal\nstatus_of triplydb bind acme-read",
     ["Bound ROOT/personal and the folders below it to profile 'acme-read'.", "status=0", *state("acme-read", "bind")], []),
    ("below the binding", "cd deep", state("acme-read", "bind"), []),
    ("leaving the binding", "cd ../..", state("mine", "use"), []),
    ("a symlinked folder into the project", "cd link", state("acme", "project", "acceptance"), []),
    ("an explicit use inside the project wins and says so", "cd ../proj\nstatus_of triplydb use public",
     ["status=0", *state("public", "use", "acceptance")], ["triplydb: public until this shell leaves "]),
    ("it stays in folders below", "cd sub", state("public", "use", "acceptance"), []),
    ("leaving the tree ends it and gives back what the shell had", "cd ../..", state("mine", "use"), []),
    ("an unrelated folder changes nothing", "cd plain", state("mine", "use"), []),
    ("a changed project file activates nothing",
     "cd ..\nsh -c 'printf \"# changed\\n\" >> proj/.triplydb.yaml'\ncd proj", state("mine", "use"),
     ["triplydb: ./.triplydb.yaml changed since you allowed it; it wants https://api.data.acme.example (account acme) (profile acme); "
      "run 'triplydb allow' to use it here"]),
    ("several matching profiles are listed", "cd ../several\nstatus_of triplydb allow",
     ["Allowed ROOT/several/.triplydb.yaml (https://api.data.acme.example).", "status=0", *state("mine", "use")],
     ["triplydb: ./.triplydb.yaml wants https://api.data.acme.example and profiles acme, acme-read are for it; "
      "choose one here with 'triplydb bind NAME'"]),
    ("bind chooses among them", "status_of triplydb bind acme-read",
     ["Bound ROOT/several and the folders below it to profile 'acme-read'.", "status=0", *state("acme-read", "bind")], []),
    ("no matching profile names the token page and add", "cd ../nomatch\nstatus_of triplydb allow",
     ["Allowed ROOT/nomatch/.triplydb.yaml (https://api.other.example).", "status=0", *state("mine", "use")],
     ["triplydb: ./.triplydb.yaml wants https://api.other.example and no profile of yours is for it; make a token at "
      "https://other.example/me/-/settings/tokens and run 'triplydb add NAME'"]),
    ("off inside a bound tree wins too, until leaving", "cd ../personal\nstatus_of triplydb off", ["status=0", *state()],
     ["triplydb: no profile until this shell leaves "]),
    ("leaving after off", "cd ..", state("mine", "use"), []),
    ("off in a project removes its vars too", "cd proj/nested/..\nstatus_of triplydb allow\nstatus_of triplydb off",
     ["Allowed ROOT/proj/.triplydb.yaml (https://api.data.acme.example).", "status=0", "status=0", *state()], []),
    ("leaving gives back what the shell had before the project", "cd ..", state("mine", "use"), []),
    ("use exports a profile's vars", "status_of triplydb use withvars", ["status=0", *state("withvars", "use")], []),
    ("use of another profile removes them", "status_of triplydb use mine", ["status=0", *state("mine", "use")], []),
    ("off removes them", "status_of triplydb use withvars\nstatus_of triplydb off", ["status=0", "status=0", *state()], []),
    ("a project gives back a profile with vars exactly", "status_of triplydb use withvars\ncd proj\ncd ..",
     ["status=0", *state("withvars", "use")], []),
]


def script(shell):
    prompt = PROMPT[shell]
    body = []
    for i, (_, commands, _, _) in enumerate(STEPS):
        if shell == "nu":
            body += [f"print '== {i}'", f"print --stderr '== {i}'"]
        elif shell == "xonsh":  # xonsh has no echo; its print is buffered, so flushed before a child writes
            body += [f"print('== {i}', flush=True)", f"print('== {i}', file=__import__('sys').stderr, flush=True)"]
        else:
            body.append(f"echo '== {i}'")
            body.append(f"[Console]::Error.WriteLine('== {i}')" if shell == "pwsh" else f"echo '== {i}' >&2")
        for command in commands.splitlines():
            body.append(AFTER_LINK.get(shell, command) if command == "cd ../proj" else command)
            body.append(prompt)
        body.append("SHOW")
    end = {"nu": "print '== end'", "xonsh": "print('== end')"}.get(shell, "echo '== end'")
    return "\n".join(body) + "\n" + end + "\n"


def sections(text):
    """What was printed before each `== i` marker, by i."""
    found = {}
    for chunk in text.split("== ")[1:]:
        number, _, rest = chunk.partition("\n")
        found[number] = rest
    return found


def check(out, err, root):
    """(passed, failed) over the steps; stdout after marker i is SHOW of step i, stderr before it
    is what step i printed."""
    shown = sections(out)
    printed = sections(err)
    passed = failed = 0
    for i, (label, _, expected, messages) in enumerate(STEPS):
        lines = shown.get(str(i), "(no output)").replace(root, "ROOT").splitlines()
        said = printed.get(str(i), "")
        problems = []
        if lines != expected:
            problems.append("\n".join(difflib.unified_diff(expected, lines, "expected", "got", lineterm="")))
        for message in messages:
            if said.count(message) != 1:
                problems.append(f"stderr has {message!r} {said.count(message)} times, not once")
        print(("ok   " if not problems else "FAIL ") + label)
        for problem in problems:
            print("     " + problem.replace("\n", "\n     "))
        if problems:
            print("     stderr:\n     " + said.replace("\n", "\n     "))
        passed += not problems
        failed += bool(problems)
    return passed, failed


def main():
    shell, program = sys.argv[1], sys.argv[2]
    executable = harness.find_shell(shell)
    box = harness.Sandbox(program)
    passed = failed = 0
    try:
        box.profiles.write_text(profiles_file())
        box.profiles.chmod(0o600)
        make_tree(box.dir)
        box.show.write_text("env | grep -E '^(TRIPLYDB_(TOKEN|API|PROFILE|ACCOUNT|PROFILE_SOURCE)|ETL_STAGE|ETL_NOTE|ENV)=' | LC_ALL=C sort\n")
        status, out, err = box.run(shell, executable, script(shell), init_args=" --no-default")
        if status != 0 or "== end" not in out:
            print(f"FAIL the script exited {status} before its end\n{out}\n{err}")
            failed += 1
        steps_passed, steps_failed = check(out, err, str(box.dir))
        passed += steps_passed
        failed += steps_failed
        ran = sorted(str(p) for p in box.dir.rglob("pwned"))
        print(("ok   " if not ran else "FAIL ") + "no value ran as code" + (f": {ran}" if ran else ""))
        passed += not ran
        failed += bool(ran)
    finally:
        box.cleanup()
    print(f"project_folders.{shell}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
