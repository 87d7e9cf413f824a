# The commands of triplydb-profile against a private profiles file, as a user runs them.
source "$(dirname "$0")/lib.bash"

now=$(date +%s)
prod_token=$(mint_token "{\"uid\":\"u1\",\"iss\":\"https://api.triplydb.com\",\"jti\":\"tok-1\",\"iat\":$now,\"exp\":$((now + 86400))}")
acme_token=$(mint_token '{"uid":"u2","iss":"https://api.data.acme.example/"}')

add_profile prod "$prod_token" --account acme --description "production, write"
expect_status 0 "add prod"
expect_contains "$out" "Added profile 'prod' for https://api.triplydb.com (token ****${prod_token: -4}" "add reports the instance"
expect_equal "$(stat -c %a "$TRIPLYDB_PROFILES")" 600 "file mode after add"
expect_equal "$(stat -c %a "$(dirname "$TRIPLYDB_PROFILES")")" 700 "folder mode after add"

add_profile acme-read "$acme_token"
expect_status 0 "add acme-read (instance from iss, trailing slash removed)"

TRIPLYDB_TOKEN="$acme_token" run "$TDB" add from-env --from-env --no-verify
expect_status 0 "add --from-env"

add_profile prod "$acme_token"
expect_status 1 "add over an existing name"
expect_equal "$err" "triplydb-profile: profile 'prod' exists already; add --force to replace it, or choose another name" "add over existing message"

add_profile other "$acme_token" --instance https://api.triplydb.com
expect_status 1 "add with a disagreeing --instance"
expect_equal "$err" "triplydb-profile: --instance https://api.triplydb.com does not match the token, which was issued by https://api.data.acme.example; add --force to store it with https://api.triplydb.com anyway" "instance mismatch message"

run "$TDB" list
expect_status 0 "list"
expect_equal "$(head -1 <<<"$out")" "https://api.triplydb.com" "list groups by instance, first group"
expect_contains "$out" "https://api.data.acme.example" "list shows the second instance"
expect_contains "$out" "****${prod_token: -4}" "list shows the last 4 characters"
for token in "$prod_token" "$acme_token"; do
  expect_absent "$out$err" "${token:0:5}" "list never shows more than the last 4 characters"
  expect_absent "$out$err" "${token: -5}" "list never shows 5 trailing characters"
done

run "$TDB" list --names
expect_equal "$out" $'prod\nacme-read\nfrom-env' "list --names"

run "$TDB" list --json
expect_equal "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["name"], d[0]["account"], d[0]["token"], d[1]["account"])' <<<"$out")" \
  "prod acme ****${prod_token: -4} None" "list --json"

run "$TDB" show prod --json
expect_equal "$(python3 -c 'import json,sys; d=json.load(sys.stdin); c=d["claims"]; print(d["instance"], c["uid"], c["token_id"], c["expires_at"])' <<<"$out")" \
  "https://api.triplydb.com u1 tok-1 $((now + 86400))" "show --json claims"
expect_absent "$out" "${prod_token:0:8}" "show --json keeps the token masked"

run "$TDB" default prod
expect_status 0 "default prod"
run "$TDB" default
expect_equal "$out" prod "default prints the default"
mkdir -p "$WORK/project" "$WORK/elsewhere"
cd "$WORK/project" || exit 1
run "$TDB" bind prod
cd "$WORK/elsewhere" || exit 1
run "$TDB" bind acme-read
cd - >/dev/null || exit 1
run "$TDB" rename prod production
expect_status 0 "rename"
expect_contains "$out" "The folder bound to it activates 'production' now." "rename says the binding follows"
run "$TDB" bindings
expect_equal "$out" $'bound    '"$WORK/elsewhere"$' -> acme-read\nbound    '"$WORK/project"$' -> production' \
  "rename moves the bindings of the profile to the new name, and only those"
run "$TDB" default
expect_equal "$out" production "rename keeps the default pointing at the profile"
run "$TDB" list --names
expect_equal "$out" $'production\nacme-read\nfrom-env' "rename keeps the profile's place"

run "$TDB" token production
expect_equal "$out" "$prod_token" "token prints the raw token"
TRIPLYDB_PROFILE=acme-read run "$TDB" token
expect_equal "$out" "$acme_token" "token without a name uses the active profile"

TRIPLYDB_PROFILE=production TRIPLYDB_TOKEN="$prod_token" run "$TDB" current
expect_status 0 "current, matching"
expect_equal "$out" production "current prints the active profile"
TRIPLYDB_PROFILE=production TRIPLYDB_TOKEN=changed run "$TDB" current
expect_status 1 "current when TRIPLYDB_TOKEN was changed"
expect_contains "$err" "TRIPLYDB_TOKEN was changed after profile 'production' was activated" "current mismatch message"
run "$TDB" current
expect_status 1 "current with nothing active"
expect_equal "$err" "triplydb-profile: no profile is active in this shell; 'triplydb use NAME' activates one" "current with nothing active, message"

run "$TDB" exec production -- sh -c 'printf "%s|%s|%s|%s" "$TRIPLYDB_TOKEN" "$TRIPLYDB_API" "$TRIPLYDB_PROFILE" "$TRIPLYDB_ACCOUNT"; exit 7'
expect_status 7 "exec returns the command's status"
expect_equal "$out" "$prod_token|https://api.triplydb.com|production|acme" "exec passes the variables"
TRIPLYDB_ACCOUNT=stale run "$TDB" exec acme-read -- sh -c 'printf "%s" "${TRIPLYDB_ACCOUNT-unset}"'
expect_equal "$out" unset "exec unsets TRIPLYDB_ACCOUNT for a profile without one"
run "$TDB" exec production -- /nonexistent/command
expect_status 127 "exec of a missing command"
touch "$WORK/not-executable"
run "$TDB" exec production -- "$WORK/not-executable"
expect_status 126 "exec of a file that cannot be run"

run "$TDB" remove acme-read
expect_status 0 "remove"
expect_contains "$out" $'A folder is still bound to \'acme-read\' and activates nothing until a profile of that name is added again (\'triplydb unbind\' there drops it):\n  '"$WORK/elsewhere" \
  "remove names the folders still bound to the profile"
run "$TDB" bindings
expect_contains "$out" "$WORK/elsewhere -> acme-read" "remove keeps the binding, for a profile added again under the name"
run "$TDB" list --names
expect_equal "$out" $'production\nfrom-env' "remove deletes only the named profile"
run "$TDB" remove production
expect_contains "$out" "It was the default" "removing the default says so"
run "$TDB" default
expect_status 1 "no default after removing it"

# env output evaluated by a real bash gives back every value byte for byte.
hostile=$'it\'s "dq" `id` $(touch '"$WORK"$'/ran) \\ !x %y\nline\ttab \xe2\x80\x98q\xe2\x80\x99 \\'
cat >"$TRIPLYDB_PROFILES" <<YAML
version: 1
profiles:
  hostile:
    instance: https://api.triplydb.com
    token: $prod_token
    account: $(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$hostile")
YAML
run "$TDB" env hostile --shell bash
expect_status 0 "env --shell bash"
printf '%s' "$out" >"$WORK/env.bash"
got=$(bash -c 'source "$1"; printf "%s|%s|%s|%s" "$TRIPLYDB_TOKEN" "$TRIPLYDB_API" "$TRIPLYDB_PROFILE" "$TRIPLYDB_ACCOUNT"' _ "$WORK/env.bash")
expect_equal "$got" "$prod_token|https://api.triplydb.com|hostile|$hostile" "env output round-trips through bash"
[ -e "$WORK/ran" ] && fail "a value ran as code" || pass
run "$TDB" env --unset --shell bash
got=$(TRIPLYDB_TOKEN=x TRIPLYDB_ACCOUNT=y bash -c "$out"'
printf "%s" "${TRIPLYDB_TOKEN-unset}${TRIPLYDB_ACCOUNT-unset}"')
expect_equal "$got" unsetunset "env --unset unsets the variables"


run "$TDB" --version
expect_contains "$out" "triplydb-profile " "--version"
for command in add list show remove rename default current token env exec; do
  run "$TDB" "$command" --help
  expect_status 0 "$command --help"
  expect_contains "$out" "Usage:" "$command --help prints a synopsis"
done
finish
