#!/usr/bin/env bash
# Start-up cost of what every shell start, every `use` and every TAB runs, against the floor of
# starting any process at all (/bin/true), measured with hyperfine in one run on one machine.
# Usage: bash tests/bench/bench.bash [PATH_TO_triplydb-profile]   (default: the release build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/.ci/lib.bash"
apt_install hyperfine zsh zoxide direnv python3 elvish xonsh
nu=$root/tests/shells/nu/node_modules/@nushell/linux-x64/bin/nu
[ -x "$nu" ] || (cd "$root/tests/shells/nu" && npm ci --no-audit --no-fund --loglevel=error)

tdb=${1:-$root/build/release/core/triplydb-profile}
if [ ! -x "$tdb" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release
fi
# Every program measured starts from pages read back from disk, as after a reboot, so that
# /bin/true and the program are not measured in different states: a file that was just written
# (by the linker, cp or an install) can have its pages cached in larger pieces and start faster
# (init bash, measured: 0.05 against 0.18 ms over /bin/true). Even after this, how the pages come
# back varies between runs; README gives the range over several runs.
programs=("$tdb" /bin/true bash zsh zoxide direnv "$nu" "$(command -v elvish)")
python3 "$here/evict.py" "${programs[@]}"
umask 077  # profiles files as the program writes them: no permission warning on every run
work=$(mktemp -d "${TMPDIR:-/tmp}/triplydb-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/xdg"
mkdir -p "$HOME"
unset TRIPLYDB_TOKEN TRIPLYDB_API TRIPLYDB_PROFILE TRIPLYDB_ACCOUNT

python3 "$here/make_profiles.py" 10 "$work/p10.yaml"
python3 "$here/make_profiles.py" 1000 "$work/p1000.yaml"
sleep 3  # the snapshot is only taken of a file that has not changed for 2 seconds
for n in 10 1000; do TRIPLYDB_PROFILES="$work/p$n.yaml" "$tdb" list --names >/dev/null; done

printf 'eval "$(%q init bash)"\n' "$tdb" >"$work/with.bashrc"
: >"$work/without.bashrc"
# The floor for any init line that runs a program: bash forks and execs /bin/true and reads its output.
printf 'eval "$(/bin/true)"\n' >"$work/floor.bashrc"
mkdir -p "$work/zwith" "$work/zwithout"
printf 'eval "$(%q init zsh)"\n' "$tdb" >"$work/zwith/.zshrc"
: >"$work/zwithout/.zshrc"

# run_group NAME: the commands in $group with /bin/true, in the environment the group exports, as
# $rounds hyperfine runs of $runs runs each, so that report.py can compare each command with the
# /bin/true measured minutes, not seconds, apart. hyperfine runs them without a shell (-N).
rounds=${TRIPLYDB_BENCH_ROUNDS:-10} runs=${TRIPLYDB_BENCH_RUNS:-200}
run_group() {
  for ((round = 1; round <= rounds; round++)); do
    hyperfine -N --warmup 10 --runs "$runs" --style basic --export-json "$work/$1.$round.json" \
      -n /bin/true /bin/true "${group[@]}" >"$work/$1.log" 2>&1 || { cat "$work/$1.log"; exit 1; }
  done
}

# TRIPLYDB_BENCH_ONLY_PROMPTS=1: only the prompts-per-second rows (a few minutes instead of many).
only_prompts=${TRIPLYDB_BENCH_ONLY_PROMPTS-}
for n in 10 1000; do
  [ -z "$only_prompts" ] || break
  export TRIPLYDB_PROFILES="$work/p$n.yaml"
  # As in a new shell: no TRIPLYDB_TOKEN yet, so init reads the profiles to activate the default.
  group=(-n "init bash ($n)" "$tdb init bash"
         -n "env ($n)" "$tdb env p5 --shell bash"
         -n "completion query ($n)" "$tdb complete --function -- use ''"
         -n "list ($n)" "$tdb list")
  run_group "profiles-$n"
  # As in a shell where `use p5` ran: current compares TRIPLYDB_TOKEN with the profile's token.
  group=(-n "current ($n)" "$tdb current")
  TRIPLYDB_PROFILE=p5 TRIPLYDB_TOKEN=$("$tdb" token p5) run_group "current-$n"
done

export TRIPLYDB_PROFILES="$work/p10.yaml"
if [ -z "$only_prompts" ]; then
group=(-n "bash -i, no init line" "bash --rcfile $work/without.bashrc -i -c true"
       -n "bash -i, init line (10)" "bash --rcfile $work/with.bashrc -i -c true"
       -n "bash -i, eval \"\$(/bin/true)\"" "bash --rcfile $work/floor.bashrc -i -c true")
run_group shells-bash
group=(-n "zsh -i, no init line" "env ZDOTDIR=$work/zwithout zsh -i -c true"
       -n "zsh -i, init line (10)" "env ZDOTDIR=$work/zwith zsh -i -c true")
run_group shells-zsh
group=(-n "zoxide init bash" "zoxide init bash" -n "direnv hook bash" "direnv hook bash")
run_group neighbours
fi

if [ -z "$only_prompts" ]; then
# nushell, elvish and xonsh, each against its own start-up: the shell alone, with the init lines of
# README (nushell: env.nu writes the file that config.nu sources), and that followed by `triplydb use
# p5`. These shells start in tens to hundreds of milliseconds, so fewer runs.
printf 'mkdir $nu.cache-dir; ^%s init nu | save -f ($nu.cache-dir | path join triplydb.nu)\n' "$tdb" >"$work/env.nu"
printf 'source ($nu.cache-dir | path join triplydb.nu)\n' >"$work/config.nu"
: >"$work/without.nu"
nu_with="$nu --no-history --env-config $work/env.nu --config $work/config.nu"
printf 'eval (%s init elvish | slurp)\n' "$(printf "'%s'" "$tdb")" >"$work/with.elv"
printf 'eval (%s init elvish | slurp)"\\ntriplydb use p5"\n' "$(printf "'%s'" "$tdb")" >"$work/use.elv"
: >"$work/without.elv"
printf 'execx($(%s init xonsh))\n' "$(printf "'%s'" "$tdb")" >"$work/with.xsh"
{ cat "$work/with.xsh"; printf 'triplydb use p5\n'; } >"$work/use.xsh"
: >"$work/without.xsh"
saved_rounds=$rounds saved_runs=$runs
rounds=${TRIPLYDB_BENCH_SHELL_ROUNDS:-3} runs=${TRIPLYDB_BENCH_SHELL_RUNS:-30}
group=(-n "nu, no init line" "$nu --no-history --env-config $work/without.nu --config $work/without.nu -c null"
       -n "nu, init line (10)" "$nu_with -c null"
       -n "nu, init line and use p5" "$nu_with -c 'triplydb use p5'")
run_group shells-nu
group=(-n "elvish, no init line" "elvish -norc $work/without.elv"
       -n "elvish, init line (10)" "elvish -norc $work/with.elv"
       -n "elvish, init line and use p5" "elvish -norc $work/use.elv")
run_group shells-elvish
group=(-n "xonsh, no init line" "xonsh --no-rc $work/without.xsh"
       -n "xonsh, init line (10)" "xonsh --no-rc $work/with.xsh"
       -n "xonsh, init line and use p5" "xonsh --no-rc $work/use.xsh")
run_group shells-xonsh
rounds=$saved_rounds runs=$saved_runs

fi

# Prompts per second: an interactive shell reads $prompts lines of `:` (a prompt before each), with
# the project-folder hook, without it (init --no-auto), without any init line, and with direnv's
# hook, which starts `direnv export` at every prompt; and with the hook while every line cds
# between two project folders (one process per prompt). Each also with no lines, so that report.py
# takes the start-up away: prompts per second = prompts / (time with them - time without).
# Prompts that start a process cost milliseconds, those that do not microseconds: more of the latter,
# so that they, not the start-up's noise, make up the difference.
prompts=${TRIPLYDB_BENCH_PROMPTS:-200} cheap_prompts=${TRIPLYDB_BENCH_CHEAP_PROMPTS:-5000}
mkdir -p "$work/projects/a" "$work/projects/b" "$work/zhook" "$work/znoauto" "$work/zdirenv"
printf 'version: 1\ninstance: https://api.triplydb.com\n' >"$work/projects/a/.triplydb.yaml"
printf 'version: 1\ninstance: https://api.triplydb.com\n' >"$work/projects/b/.triplydb.yaml"
(cd "$work/projects/a" && "$tdb" allow >/dev/null && cd ../b && "$tdb" allow >/dev/null)
: >"$work/prompts-0"
for ((i = 0; i < cheap_prompts; i++)); do echo :; done >"$work/prompts-same"
for ((i = 0; i < prompts; i++)); do echo :; done >"$work/prompts-few"
for ((i = 0; i < prompts; i++)); do
  if ((i % 2)); then echo "cd $work/projects/b"; else echo "cd $work/projects/a"; fi
done >"$work/prompts-cd"
printf 'eval "$(%q init bash --no-auto)"\n' "$tdb" >"$work/noauto.bashrc"
printf 'eval "$(direnv hook bash)"\n' >"$work/direnv.bashrc"
printf 'eval "$(%q init zsh)"\n' "$tdb" >"$work/zhook/.zshrc"
printf 'eval "$(%q init zsh --no-auto)"\n' "$tdb" >"$work/znoauto/.zshrc"
printf 'eval "$(direnv hook zsh)"\n' >"$work/zdirenv/.zshrc"
prompt_pair() {  # NAME INPUT COMMAND: the command reading INPUT, and reading nothing
  local count=$prompts
  [ "$2" != same ] || count=$cheap_prompts
  group+=(-n "$1 ($count prompts)" "sh -c 'exec $3 <$work/prompts-$2'" -n "$1 (0 prompts)" "sh -c 'exec $3 <$work/prompts-0'")
}
group=()
prompt_pair "bash, no init line" same "bash --rcfile $work/without.bashrc -i"
prompt_pair "bash, init --no-auto" same "bash --rcfile $work/noauto.bashrc -i"
prompt_pair "bash, init (hook)" same "bash --rcfile $work/with.bashrc -i"
prompt_pair "bash, direnv hook" few "bash --rcfile $work/direnv.bashrc -i"
prompt_pair "bash, init (hook), cd at every prompt" cd "bash --rcfile $work/with.bashrc -i"
(cd "$work" && rounds=${TRIPLYDB_BENCH_PROMPT_ROUNDS:-3} runs=${TRIPLYDB_BENCH_PROMPT_RUNS:-10} run_group prompts-bash)
group=()
prompt_pair "zsh, no init line" same "env ZDOTDIR=$work/zwithout zsh -i"
prompt_pair "zsh, init --no-auto" same "env ZDOTDIR=$work/znoauto zsh -i"
prompt_pair "zsh, init (hook)" same "env ZDOTDIR=$work/zhook zsh -i"
prompt_pair "zsh, direnv hook" few "env ZDOTDIR=$work/zdirenv zsh -i"
prompt_pair "zsh, init (hook), cd at every prompt" cd "env ZDOTDIR=$work/zhook zsh -i"
(cd "$work" && rounds=${TRIPLYDB_BENCH_PROMPT_ROUNDS:-3} runs=${TRIPLYDB_BENCH_PROMPT_RUNS:-10} run_group prompts-zsh)

if [ -n "$only_prompts" ]; then
  python3 "$here/report.py" "$work" prompts-bash prompts-zsh
else
  python3 "$here/report.py" "$work" profiles-10 current-10 profiles-1000 current-1000 shells-bash shells-zsh neighbours \
    shells-nu shells-elvish shells-xonsh prompts-bash prompts-zsh
fi
