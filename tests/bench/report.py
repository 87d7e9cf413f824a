"""Prints the benchmark as a Markdown table. Usage: report.py WORKDIR GROUP...

Each GROUP was run as several rounds, WORKDIR/GROUP.ROUND.json, each one hyperfine run that
includes /bin/true. A command's median is the median of its rounds' medians; its ratio is the
median over rounds of its median divided by the /bin/true of the same round, so that a machine
that drifts between rounds moves both sides of a ratio together. The extra start-up of an
interactive shell is, likewise, the median over rounds of the difference within a round."""
import glob
import json
import os
import platform
import statistics
import sys


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def rounds_of(workdir, group):
    paths = sorted(glob.glob(os.path.join(workdir, f"{group}.*.json")))
    if not paths:
        sys.exit(f"report.py: no rounds for {group} in {workdir}")
    return [{r["command"]: r["median"] for r in json.load(open(path))["results"]} for path in paths]


def main():
    workdir, groups = sys.argv[1], sys.argv[2:]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
               platform.machine())
    load = os.getloadavg()[0]
    all_rounds = {group: rounds_of(workdir, group) for group in groups}
    count = min(len(rounds) for rounds in all_rounds.values())
    print(f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
          f"{count} rounds per group; load average {load:.2f} at the end\n")
    print("| command | median (ms) | /bin/true in the same rounds (ms) | ratio |")
    print("|---|---:|---:|---:|")
    within = {}  # command -> [(its median, /bin/true median) per round]
    for group, rounds in all_rounds.items():
        floor = statistics.median(r["/bin/true"] for r in rounds)
        for name in rounds[0]:
            if name == "/bin/true":
                continue
            within[name] = [(r[name], r["/bin/true"]) for r in rounds]
            median = statistics.median(r[name] for r in rounds)
            ratio = statistics.median(r[name] / r["/bin/true"] for r in rounds)
            print(f"| {name} | {ms(median)} | {ms(floor)} | {ratio:.2f} |")

    def extra(with_line, without_line):
        return statistics.median(w[0] - wo[0] for w, wo in zip(within[with_line], within[without_line]))

    for shell in ("bash", "zsh") if "bash -i, no init line" in within else ():
        print(f"\nExtra start-up of `{shell} -i` with the init line: "
              f"{ms(extra(f'{shell} -i, init line (10)', f'{shell} -i, no init line'))} ms")
    for shell in ("nu", "elvish", "xonsh"):
        if f"{shell}, no init line" not in within:
            continue
        alone, init = statistics.median(w[0] for w in within[f"{shell}, no init line"]), extra(
            f"{shell}, init line (10)", f"{shell}, no init line")
        use = extra(f"{shell}, init line and use p5", f"{shell}, init line (10)")
        print(f"\n`{shell}` starts in {ms(alone)} ms; the init line adds {ms(init)} ms ({100 * init / alone:.0f}% of that), "
              f"`triplydb use p5` {ms(use)} ms ({100 * use / alone:.0f}%)")
    if "bash -i, no init line" not in within:
        prompts_per_second(all_rounds)
        return
    floor_line = extra('bash -i, eval "$(/bin/true)"', "bash -i, no init line")
    print(f"\nExtra start-up of `bash -i` with `eval \"$(/bin/true)\"` (the floor of any init line that runs a "
          f"program): {ms(floor_line)} ms")

    prompts_per_second(all_rounds)


def prompts_per_second(all_rounds):
    """For "NAME (N prompts)" and "NAME (0 prompts)" of one group: N over the difference, per round."""
    for group, rounds in all_rounds.items():
        if not group.startswith("prompts-"):
            continue
        print(f"\n| {group[8:]}: prompts per second | median over rounds |\n|---|---:|")
        for name in rounds[0]:
            if not name.endswith(" prompts)") or name.endswith("(0 prompts)"):
                continue
            base, count = name.rsplit(" (", 1)
            count = int(count.split()[0])
            rates = [count / (r[name] - r[f"{base} (0 prompts)"]) for r in rounds]
            print(f"| {base} | {statistics.median(rates):,.0f} |")


main()
