"""Prints hyperfine's medians as a Markdown table, with each command's ratio to /bin/true from
the same run, and the extra start-up time the init line adds to interactive shells."""
import json
import platform
import os
import sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
floor = results["/bin/true"]["median"]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}\n")
print("| command | median (ms) | ratio to /bin/true |")
print("|---|---:|---:|")
for name, r in results.items():
    print(f"| {name} | {ms(r['median'])} | {r['median'] / floor:.2f} |")
for shell in ("bash", "zsh"):
    extra = results[f"{shell} -i, init line (10)"]["median"] - results[f"{shell} -i, no init line"]["median"]
    print(f"\nExtra start-up of `{shell} -i` with the init line: {ms(extra)} ms")
