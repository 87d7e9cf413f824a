# Two `add`s started at the same moment both end up in the file, which stays 0600.
source "$(dirname "$0")/lib.bash"

token=$(mint_token '{"uid":"u1","iss":"https://api.triplydb.com"}')
for round in 1 2 3 4 5; do
  printf '%s\n' "$token" >"$WORK/stdin"
  "$TDB" add "first-$round" --no-verify <"$WORK/stdin" >/dev/null 2>"$WORK/err1" &
  "$TDB" add "second-$round" --no-verify <"$WORK/stdin" >/dev/null 2>"$WORK/err2" &
  wait %1 && wait %2 && pass || fail "round $round: an add failed: $(cat "$WORK/err1" "$WORK/err2")"
done
run "$TDB" list --names
expect_equal "$(sort <<<"$out" | tr '\n' ' ')" "first-1 first-2 first-3 first-4 first-5 second-1 second-2 second-3 second-4 second-5 " "all ten profiles are in the file"
expect_equal "$(stat -c %a "$TRIPLYDB_PROFILES")" 600 "file mode after concurrent writes"
left=("$(dirname "$TRIPLYDB_PROFILES")"/* "$(dirname "$TRIPLYDB_PROFILES")"/.[!.]*)
expect_equal "$(for f in "${left[@]}"; do [ -e "$f" ] && printf '%s ' "${f##*/}"; done)" "profiles.yaml profiles.yaml.lock " "no temporary files left behind"
finish
