"""Prints hyperfine's medians as a Markdown table. Each input is one hyperfine run that includes
/bin/true; every command's ratio is to the /bin/true of its own run. Also prints the extra
start-up time the init line adds to interactive shells."""
import json
import platform
import os
import sys


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


medians = {}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}\n")
print("| command | median (ms) | /bin/true in the same run (ms) | ratio |")
print("|---|---:|---:|---:|")
for path in sys.argv[1:]:
    results = {r["command"]: r["median"] for r in json.load(open(path))["results"]}
    floor = results.pop("/bin/true")
    for name, median in results.items():
        medians[name] = median
        print(f"| {name} | {ms(median)} | {ms(floor)} | {median / floor:.2f} |")
for shell in ("bash", "zsh"):
    extra = medians[f"{shell} -i, init line (10)"] - medians[f"{shell} -i, no init line"]
    print(f"\nExtra start-up of `{shell} -i` with the init line: {ms(extra)} ms")
any_program = medians['bash -i, eval "$(/bin/true)"'] - medians["bash -i, no init line"]
print(f"\nExtra start-up of `bash -i` with `eval \"$(/bin/true)\"` (any init line that runs a program): {ms(any_program)} ms")
