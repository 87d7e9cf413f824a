"""Every value comes back byte for byte and never runs as code: thousands of generated accounts
(printable ASCII, UTF-8, quotes, backslashes, $(...), backticks, newlines, tabs, U+2018..U+201B)
go into profiles files; the shell runs `triplydb use` on each and writes $TRIPLYDB_ACCOUNT out,
NUL-separated, for comparison. A marker file shows whether any value ran.
Usage: round_trip.py SHELL PROGRAM [COUNT]   (env TRIPLYDB_ROUND_TRIP_SEED picks the values)"""
import os
import random
import sys
import time

import harness

PER_FILE = 100  # profiles per file: each `use` parses one file, as in real use

ASCII = [chr(c) for c in range(0x20, 0x7F)]
UNICODE = ["é", "ß", "ü", "€", "—", "…", "Ω", "中文", "日本語", "😀", "🚀", "𝄞", "ﬁ", "e\u0301", "\u00a0", "ä",
           "\u2018", "\u2019", "\u201a", "\u201b", "\u201c", "\u201d", "\u201e", "\u2026", "\u00ab", "\u00bb"]
SPECIAL = ["'", '"', "\\", "`", "$", "!", "%", "\n", "\t", "$(", ")", "${", "}", "''", '""', "\\'", '\\"',
           "\u2018", "\u2019", "\u201a", "\u201b", "!!", "%PATH%", "$HOME", "~", "*", "?", "[a]", "#", ";", "&", "|",
           "<", ">", "{0}", "@(", "--", "-"]
ENDINGS = ["'", '"', "\\", "\\\\", "", "`", "$", "\n", " "]


def payloads(marker):
    """Texts that create the marker file if any shell ever evaluates them."""
    m = str(marker)
    return [f"$(touch {m})", f"`touch {m}`", f"'; touch {m}; '", f"\"; touch {m}; \"", f"(touch {m})",
            f"$(New-Item -ItemType File -Path {m})", f"\u2019; New-Item -ItemType File -Path {m}; \u2018",
            f"\u201b+$(New-Item -ItemType File -Path {m})+\u201b", f"\\'$(touch {m})\\'", f"${{ touch {m}; }}",
            f"'\n touch {m}\n'", f"\"`touch {m}`\"", f"\\\n$(touch {m})"]


def generate(count, marker, rng):
    """`count` values, the fixed edge cases first, then random mixes ending in each hard ending."""
    fixed = ["\\", "'", '"', "a\\", "$(", "\n", "\t", " lead", "trail ", "-x", "--help", "\u2018\u2019\u201a\u201b",
             "😀", "`", "$", "!!", "%%", "''", '""', "\\'", '\\"', "\n\n", "x\ty\nz", "\\\\\\"]
    fixed += payloads(marker)
    values = fixed[:count]
    pieces = [ASCII, UNICODE, SPECIAL, payloads(marker)]
    weights = [50, 20, 22, 8]
    while len(values) < count:
        text = "".join(rng.choice(rng.choices(pieces, weights)[0]) for _ in range(rng.randint(1, 24)))
        values.append(text + ENDINGS[len(values) % len(ENDINGS)])
    return values


def loop_script(shell, files, out):
    """The shell code that activates every profile, in file order, and writes the values out."""
    q = lambda text: harness.quote(shell, str(text))  # noqa: E731
    lines = []
    if shell in ("bash", "zsh"):
        lines.append("{")
        for path, names in files:
            lines.append(f"TRIPLYDB_PROFILES={q(path)}")
            lines += [f"triplydb use {n}; printf '%s\\0' \"$TRIPLYDB_ACCOUNT\"" for n in names]
        lines.append(f"}} > {q(out)}")
    elif shell == "fish":
        lines.append("begin")
        for path, names in files:
            lines.append(f"set -gx TRIPLYDB_PROFILES {q(path)}")
            lines += [f"triplydb use {n}; or exit 3; printf '%s\\0' $TRIPLYDB_ACCOUNT" for n in names]
        lines.append(f"end > {q(out)}")
    elif shell == "nu":
        for path, names in files:
            lines.append(f"$env.TRIPLYDB_PROFILES = {q(path)}")
            lines += [f"triplydb use {n}; if $env.LAST_EXIT_CODE != 0 {{ exit 3 }}; "
                      f"[$env.TRIPLYDB_ACCOUNT (char nul)] | str join | save --append --raw {q(out)}" for n in names]
    elif shell == "elvish":
        # A failed use raises, which ends the script.
        lines.append("fn write-all {")
        for path, names in files:
            lines.append(f"  set-env TRIPLYDB_PROFILES {q(path)}")
            lines += [f"  triplydb use {n}; print $E:TRIPLYDB_ACCOUNT\"\\x00\"" for n in names]
        lines.append(f"}}\nwrite-all > {q(out)}")
    elif shell == "xonsh":
        # $RAISE_SUBPROC_ERROR: a failed use raises, which ends the script. A loop per file, as xonsh
        # takes minutes to parse thousands of lines.
        lines.append("_collected = []")
        for path, names in files:
            lines.append(f"$TRIPLYDB_PROFILES = {q(path)}")
            lines.append(f"for _name in {names!r}:\n    triplydb use @(_name)\n    _collected.append($TRIPLYDB_ACCOUNT)")
        lines.append(f"with open({q(out)}, 'w', encoding='utf-8', newline='') as _out:\n"
                     "    _out.write(''.join(value + '\\0' for value in _collected))")
    else:
        lines.append("$collected = [System.Text.StringBuilder]::new()")
        for path, names in files:
            lines.append(f"$env:TRIPLYDB_PROFILES = {q(path)}")
            lines += [f"triplydb use {n}; if ($LASTEXITCODE) {{ exit 3 }}; "
                      f"[void]$collected.Append($env:TRIPLYDB_ACCOUNT).Append([char]0)" for n in names]
        lines.append(f"[System.IO.File]::WriteAllText({q(out)}, $collected.ToString(), "
                     "[System.Text.UTF8Encoding]::new($false))")
    return "\n".join(lines) + "\n"


def main():
    shell, program = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    seed = int(os.environ.get("TRIPLYDB_ROUND_TRIP_SEED", "20261127"))
    executable = harness.find_shell(shell)
    box = harness.Sandbox(program)
    try:
        marker = box.dir / "marker-ran"
        values = generate(count, marker, random.Random(seed))
        files = []
        for start in range(0, count, PER_FILE):
            names = [f"v{i:05d}" for i in range(start, min(start + PER_FILE, count))]
            path = box.dir / f"profiles-{start // PER_FILE:03d}.yaml"
            path.write_text(harness.profiles_yaml(
                [{"name": n, "account": values[start + i]} for i, n in enumerate(names)]), encoding="utf-8")
            files.append((path, names))
        out = box.dir / "values.out"
        began = time.monotonic()
        status, stdout, stderr = box.run(shell, executable, loop_script(shell, files, out),
                                         init_args=" --no-default", timeout=1400)
        seconds = time.monotonic() - began
        problems = []
        if status != 0:
            problems.append(f"the shell exited {status}: {stderr[-2000:]}")
        if marker.exists():
            problems.append("a value ran as code: the marker file exists")
        got = out.read_bytes().split(b"\0")[:-1] if out.exists() else []
        if len(got) != count:
            problems.append(f"{len(got)} values came back, not {count}")
        wrong = [i for i, (a, b) in enumerate(zip(values, got)) if a.encode() != b]
        for i in wrong[:5]:
            problems.append(f"value {i}: sent {values[i]!r}, got {got[i].decode(errors='replace')!r}")
        if wrong:
            problems.append(f"{len(wrong)} of {count} values differ")
        print(f"{shell}: {count} values (seed {seed}), {len(got) - len(wrong)} byte-exact, "
              f"{seconds:.1f} s ({1000 * seconds / max(count, 1):.1f} ms per use)")
        for problem in problems:
            print("FAIL " + problem)
        return 1 if problems else 0
    finally:
        box.cleanup()


if __name__ == "__main__":
    sys.exit(main())
