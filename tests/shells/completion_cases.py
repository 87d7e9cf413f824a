"""What TAB offers at each position, for the function and for triplydb-profile, asked of each
shell's completion machinery directly (bash: the completion function with COMP_WORDS; zsh: the
completion function with compadd recorded; fish: `complete -C`; pwsh: TabExpansion2; nu: the custom
completer with the line; elvish: the arg-completer with the words; xonsh: its Completer). Profile names
are data: names that a shell would run, expand or split come back as they are, and run nothing.
Usage: completion_cases.py SHELL PROGRAM"""
import re
import subprocess
import sys

import harness

NAMES = ["prod", "staging", "acme-read"]
OFFICIAL = ["import-from-file", "upload-asset", "run-pipeline"]
SHELLS = ["bash", "zsh", "fish", "pwsh", "nu", "elvish", "xonsh"]


def command_table(program):
    """The command table as the program's --help shows it: {command: options}, and which commands
    only the shell function runs. TAB must offer exactly these, in every shell."""
    top = subprocess.run([program, "--help"], capture_output=True, text=True, check=True).stdout
    block = top.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    commands, function_only = {}, set()
    for line in block.splitlines():
        name = line.split()[0]
        if line.endswith("(shell function only)"):
            function_only.add(name)
        text = subprocess.run([program, name, "--help"], capture_output=True, text=True, check=True).stdout
        commands[name] = sorted(set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)", text, re.M)))
    return commands, function_only


COMMANDS, FUNCTION_ONLY = command_table(sys.argv[2]) if len(sys.argv) > 2 else ({}, set())
OURS = [c for c in COMMANDS if c not in FUNCTION_ONLY] + ["--help", "--version"]

# (command line up to the cursor, expected candidates, with the official CLI on PATH?)
CASES = [
    ("triplydb ", [*FUNCTION_ONLY, "help", *OURS], False),
    ("triplydb ", [*FUNCTION_ONLY, "help", *OURS, *OFFICIAL], True),
    ("triplydb-profile ", OURS, True),
    ("triplydb use ", ["-", *NAMES], False),
    ("triplydb use pr", ["prod"], False),
    ("triplydb use prod ", [], False),
    ("triplydb show ", NAMES, False),
    ("triplydb-profile token a", ["acme-read"], False),
    ("triplydb exec st", ["staging"], False),
    ("triplydb init ", SHELLS, False),
    ("triplydb-profile completion ", SHELLS, False),
    ("triplydb env prod --shell ", [*SHELLS, "posix", "dotenv", "json"], False),
    ("triplydb rename prod ", [], False),
    ("triplydb o", ["off"], False),
    ("triplydb help ", [*FUNCTION_ONLY, "help", *OURS], False),
]
# Every command's options, as its --help lists them ("--" too where a command to run follows).
CASES += [(f"triplydb {name} --", options + (["--"] if name == "exec" else []), False) for name, options in COMMANDS.items()
          if name not in FUNCTION_ONLY]
CASES += [(f"triplydb-profile {name} --", options + (["--"] if name == "exec" else []), False) for name, options in COMMANDS.items()
          if name not in FUNCTION_ONLY]

STUBS = {
    "bash": "",
    # Outside a completion widget compadd cannot run, so it is replaced by one that records.
    "zsh": "compadd() { while (( $# )); do if [[ $1 == -a ]]; then reply+=(\"${(@P)2}\"); shift; fi; shift; done }\n"
           "_files() { :; }\n_command_names() { :; }\n",
    "fish": "",
    "pwsh": "",
    "nu": "",
    "elvish": "",
    # xonsh's own completion machinery, which runs the registered completers in order.
    "xonsh": "from xonsh.completer import Completer as _Completer\n_completer = _Completer()\n"
             "def _complete(line):\n    prefix = line.split(' ')[-1]\n"
             "    found = _completer.complete(prefix, line, len(line) - len(prefix), len(line), {}, multiline_text=line, "
             "cursor_index=len(line))[0]\n    return [getattr(c, 'display', None) or str(c).rstrip(' ') for c in found]\n"
             "def _inserted(line):\n    prefix = line.split(' ')[-1]\n"
             "    found = _completer.complete(prefix, line, len(line) - len(prefix), len(line), {}, multiline_text=line, "
             "cursor_index=len(line))[0]\n    return [str(c).rstrip(' ') for c in found]\n",
}


def query(shell, index, line):
    """Shell code that prints `CASE index: candidate...` for the command line `line`."""
    words = line.split(" ")
    if shell == "bash":
        quoted = " ".join(harness.quote("bash", w) for w in words)
        return (f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; COMPREPLY=(); _triplydb_profile_complete\n"
                f"printf 'CASE {index}:'; printf ' %s' \"${{COMPREPLY[@]}}\"; echo\n")
    if shell == "zsh":
        quoted = " ".join(harness.quote("zsh", w) for w in words)
        return (f"words=({quoted}); CURRENT={len(words)}; reply=(); _triplydb_profile || true\n"
                f"print -r -- \"CASE {index}: ${{(j: :)reply}}\"\n")
    if shell == "fish":
        return (f"printf 'CASE {index}:'; for c in (complete -C {harness.quote('fish', line)}); "
                "printf ' %s' (string split -f1 \\t -- $c); end; echo\n")
    if shell == "nu":
        return (f"print $\"CASE {index}: ((__triplydb_complete {harness.quote('nu', line)}) | default [] | "
                "each {|c| $c.value } | str join ' ')\"\n")
    if shell == "elvish":
        quoted = " ".join(harness.quote("elvish", w) for w in words)
        return f"echo 'CASE {index}: '(str:join ' ' [(__triplydb_complete {quoted})])\n"
    if shell == "xonsh":
        return f"print('CASE {index}: ' + ' '.join(_complete({line!r})))\n"
    return (f"$r = TabExpansion2 -inputScript {harness.quote('pwsh', line)} -cursorColumn {len(line)}\n"
            f"'CASE {index}: ' + (@($r.CompletionMatches | ForEach-Object CompletionText) -join ' ')\n")


# (command line up to the cursor, expected candidates); HOSTILE stands for the names.
HOSTILE_CASES = [("triplydb use ", ["-", "HOSTILE"]), ("triplydb-profile show ", ["HOSTILE"]),
                 ("triplydb env a", ["a b"])]


def unique_prefixes(names):
    """For each name, the shortest prefix that no other name starts with."""
    return [next(n[:k] for k in range(1, len(n) + 1) if not any(o.startswith(n[:k]) for o in names if o != n))
            for n in names]


def hostile_query(shell, index, line):
    """Shell code that prints `CASE index`, then a `CAND text` line for each candidate listed, and a
    `RUN word` line for each word that running the inserted text passes (bash inserts a lone
    candidate; pwsh and xonsh insert one text, and list another)."""
    words = line.split(" ")
    head = f"printf '%s\\n' 'CASE {index}'\n"
    if shell == "bash":
        quoted = " ".join(harness.quote("bash", w) for w in words)
        return (head + f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; COMPREPLY=(); "
                "_triplydb_profile_complete\nif (( ${#COMPREPLY[@]} )); then printf 'CAND %s\\n' \"${COMPREPLY[@]}\"; fi\n"
                "if (( ${#COMPREPLY[@]} == 1 )); then eval \"printf 'RUN %s\\\\n' ${COMPREPLY[0]}\"; fi\n")
    if shell == "zsh":
        quoted = " ".join(harness.quote("zsh", w) for w in words)
        return (head + f"words=({quoted}); CURRENT={len(words)}; reply=(); _triplydb_profile || true\n"
                "for c in \"${reply[@]}\"; do printf 'CAND %s\\n' \"$c\"; done\n")
    if shell == "fish":
        return (head + f"for c in (complete -C {harness.quote('fish', line)}); "
                "printf 'CAND %s\\n' (string split -f1 \\t -- $c); end\n")
    if shell == "nu":
        return (head.replace("printf '%s\\n' ", "print ") + f"__triplydb_complete {harness.quote('nu', line)} | default [] | "
                "each {|c| print $'CAND ($c.value)' } | ignore\n")
    if shell == "elvish":
        quoted = " ".join(harness.quote("elvish", w) for w in words)
        return head.replace("printf '%s\\n' ", "echo ") + f"for c [(__triplydb_complete {quoted})] {{ echo 'CAND '$c }}\n"
    if shell == "xonsh":
        return (f"print('CASE {index}')\nfor _c in _complete({line!r}):\n    print('CAND ' + _c, flush=True)\n"
                f"for _c in _inserted({line!r}):\n    execx(\"printf 'RUN %s\\\\n' \" + _c)\n")
    return (f"'CASE {index}'\n$r = TabExpansion2 -inputScript {harness.quote('pwsh', line)} -cursorColumn {len(line)}\n"
            "foreach ($m in $r.CompletionMatches) { 'CAND ' + $m.ListItemText }\n"
            "foreach ($m in $r.CompletionMatches) { Invoke-Expression (\"printf 'RUN %s\\n' \" + $m.CompletionText) }\n")


def check_hostile(shell, executable, box):
    """TAB over names that a forged snapshot or another program's output could hold (`list --names`
    of a stand-in program prints them): each is listed as it is, what TAB inserts passes it as text
    when the line runs, and nothing runs meanwhile. Returns the number of failures."""
    marker = box.dir / "marker-completion-ran"
    names = harness.hostile_names(marker)
    box.profiles.write_text(harness.profiles_yaml([]))  # the names come from the stand-in alone
    stub = harness.names_stub(box, names)
    cases = [(line, [w for e in expected for w in (names if e == "HOSTILE" else [e])]) for line, expected in HOSTILE_CASES]
    if shell in ("bash", "zsh"):  # the only ones whose test sets the words itself, whatever they hold
        # A typed - completes options, so names that start with one are left to the lists above.
        cases += [(f"triplydb-profile show {prefix}", [name]) for prefix, name in zip(unique_prefixes(names), names)
                  if not name.startswith("-")]
    body = (STUBS[shell] + harness.use_program(shell, stub)
            + "".join(hostile_query(shell, i, c[0]) for i, c in enumerate(cases)))
    status, out, err = box.run(shell, executable, body, init_args=" --no-default", path_dirs=[stub.parent])
    got, current = {}, None
    for line in out.splitlines():
        if line.startswith("CASE "):
            current = got.setdefault(int(line[5:]), {"CAND": [], "RUN": []})
        elif line[:4] in ("CAND", "RUN ") and current is not None:
            current[line[:4].strip()].append(line[5:] if line.startswith("CAND") else line[4:])
    failures = 0
    for i, (line, expected) in enumerate(cases):
        prefix = line.split(" ")[-1]
        listed = sorted(set(c for c in got.get(i, {}).get("CAND", []) if c.startswith(prefix)))
        ran = sorted(got.get(i, {}).get("RUN", []))
        if shell == "bash" and len(expected) == 1:
            ok, what = ran == expected, f"inserts what runs as {ran!r}"  # a lone match is inserted quoted
        elif shell in ("pwsh", "xonsh"):
            ok, what = listed == sorted(expected) and ran == sorted(expected), f"-> {listed!r}, runs as {ran!r}"
        else:
            ok, what = listed == sorted(expected), f"-> {listed!r}"
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {shell}: hostile names, {line!r} {what}")
        if not ok:
            print(f"     expected {sorted(expected)!r}")
    ran = marker.exists()
    failures += ran
    print(f"{'FAIL' if ran else 'ok  '} {shell}: completing hostile names ran nothing (no {marker.name})")
    if status != 0:
        failures += 1
        print(f"FAIL the shell exited {status}: {err}")
    return failures


def main():
    shell, program = sys.argv[1], sys.argv[2]
    executable = harness.find_shell(shell)
    box = harness.Sandbox(program)
    failures = 0
    try:
        box.profiles.write_text(harness.profiles_yaml([{"name": n} for n in NAMES]))
        official = harness.official_cli_dir()
        for with_official in (False, True):
            cases = [(i, c) for i, c in enumerate(CASES) if c[2] == with_official]
            if with_official and official is None:
                if harness.on_ci():
                    print("FAIL the official TriplyDB CLI is missing (TRIPLYDB_OFFICIAL_CLI_DIR)")
                    failures += 1
                else:
                    print("note: official CLI cases not checked (TRIPLYDB_OFFICIAL_CLI_DIR is not set)")
                continue
            body = STUBS[shell] + "".join(query(shell, i, c[0]) for i, c in cases)
            status, out, err = box.run(shell, executable, body, init_args=" --no-default",
                                       path_dirs=[official] if with_official else [])
            got = {}
            for line in out.splitlines():
                if line.startswith("CASE "):
                    index, _, rest = line[5:].partition(":")
                    got[int(index)] = rest.split()
            for i, (line, expected, _) in cases:
                prefix = line.split(" ")[-1]
                # zsh's compadd and bash's compgen filter by the typed prefix; the stub does not.
                offered = sorted(set(c for c in got.get(i, []) if c.startswith(prefix)))
                ok = offered == sorted(expected)
                if shell in ("pwsh", "xonsh") and not expected:
                    # PowerShell and xonsh offer file names when our completer has nothing: none of ours.
                    ok = not set(offered) & set(["-", *NAMES, *OURS, *SHELLS, "use", "off"])
                failures += not ok
                print(f"{'ok  ' if ok else 'FAIL'} {shell}: {line!r} -> {' '.join(offered)}")
                if not ok:
                    print(f"     expected {' '.join(sorted(expected))}")
            if status != 0:
                failures += 1
                print(f"FAIL the shell exited {status}: {err}")
        failures += check_hostile(shell, executable, box)
    finally:
        box.cleanup()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
