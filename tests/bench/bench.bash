#!/usr/bin/env bash
# Start-up cost of what every shell start, every `use` and every TAB runs, against the floor of
# starting any process at all (/bin/true), measured with hyperfine in one run on one machine.
# Usage: bash tests/bench/bench.bash [PATH_TO_triplydb-profile]   (default: the release build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/.ci/lib.bash"
apt_install hyperfine zsh zoxide direnv python3

tdb=${1:-$root/build/release/core/triplydb-profile}
if [ ! -x "$tdb" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release
fi
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
mkdir -p "$work/zwith" "$work/zwithout"
printf 'eval "$(%q init zsh)"\n' "$tdb" >"$work/zwith/.zshrc"
: >"$work/zwithout/.zshrc"

commands=(-n "/bin/true" /bin/true)
for n in 10 1000; do
  file="$work/p$n.yaml"
  token=$(TRIPLYDB_PROFILES="$file" "$tdb" token p5)
  pre="env TRIPLYDB_PROFILES=$file"
  commands+=(-n "init bash ($n)" "$pre $tdb init bash"
             -n "env ($n)" "$pre $tdb env p5 --shell bash"
             -n "completion query ($n)" "$pre $tdb list --names"
             -n "current ($n)" "$pre TRIPLYDB_PROFILE=p5 TRIPLYDB_TOKEN=$token $tdb current"
             -n "list ($n)" "$pre $tdb list")
done
commands+=(-n "bash -i, no init line" "env TRIPLYDB_PROFILES=$work/p10.yaml bash --rcfile $work/without.bashrc -i -c true"
           -n "bash -i, init line (10)" "env TRIPLYDB_PROFILES=$work/p10.yaml bash --rcfile $work/with.bashrc -i -c true"
           -n "zsh -i, no init line" "env TRIPLYDB_PROFILES=$work/p10.yaml ZDOTDIR=$work/zwithout zsh -i -c true"
           -n "zsh -i, init line (10)" "env TRIPLYDB_PROFILES=$work/p10.yaml ZDOTDIR=$work/zwith zsh -i -c true"
           -n "zoxide init bash" "zoxide init bash"
           -n "direnv hook bash" "direnv hook bash")

hyperfine -N --warmup 20 --min-runs 200 --style basic --export-json "$work/results.json" "${commands[@]}" >"$work/hyperfine.log" 2>&1 ||
  { cat "$work/hyperfine.log"; exit 1; }
python3 "$here/report.py" "$work/results.json"
