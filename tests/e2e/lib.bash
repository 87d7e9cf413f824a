# Shared by the end-to-end suites: a private profiles file, minted tokens, and checks that
# report what differed. Each suite is run by CTest as: bash SUITE PATH_TO_triplydb-profile
set -uo pipefail

TDB=${1:?usage: bash SUITE PATH_TO_triplydb-profile}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/triplydb-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export TRIPLYDB_PROFILES="$WORK/config/profiles.yaml"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/xdg"
unset TRIPLYDB_TOKEN TRIPLYDB_API TRIPLYDB_PROFILE TRIPLYDB_ACCOUNT NO_COLOR
failures=0
checks=0

# shellcheck source=../jwt.bash
source "$(dirname "${BASH_SOURCE[0]}")/../jwt.bash"

pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# run CMD...: runs it, keeping stdout, stderr and the status in $out, $err, $status (read by the
# suites that source this file).
# shellcheck disable=SC2034
run() {
  "$@" >"$WORK/out" 2>"$WORK/err" <"${STDIN_FILE:-/dev/null}"
  status=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}

expect_status() { if [ "$status" -eq "$1" ]; then pass; else fail "$2: status $status, expected $1 (stderr: $err)"; fi; }
expect_equal() { if [ "$1" == "$2" ]; then pass; else fail "$3: got [$1], expected [$2]"; fi; }
expect_contains() { if [[ "$1" == *"$2"* ]]; then pass; else fail "$3: [$1] does not contain [$2]"; fi; }
expect_absent() { if [[ "$1" != *"$2"* ]]; then pass; else fail "$3: [$1] contains [$2]"; fi; }

# add_profile NAME TOKEN [OPTIONS...]: add with the token on standard input.
add_profile() {
  local name=$1 token=$2
  shift 2
  printf '%s\n' "$token" >"$WORK/stdin"
  STDIN_FILE="$WORK/stdin" run "$TDB" add "$name" --no-verify "$@"
}

finish() {
  printf '%s: %d passed, %d failed\n' "$(basename "$0" .bash)" "$((checks - failures))" "$failures"
  [ "$failures" -eq 0 ]
}
