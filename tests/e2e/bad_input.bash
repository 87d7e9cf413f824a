# Every kind of bad input gets a clear message and a non-zero exit, and the profiles file is
# left byte for byte as it was.
source "$(dirname "$0")/lib.bash"

good_token=$(mint_token '{"uid":"u1","iss":"https://api.triplydb.com"}')
add_profile prod "$good_token"
expect_status 0 "set-up: add prod"
snapshot() { cp -p "$TRIPLYDB_PROFILES" "$WORK/before"; }
expect_unchanged() {
  if cmp -s "$TRIPLYDB_PROFILES" "$WORK/before"; then pass; else fail "$1: the profiles file changed"; fi
}

# expect_refused LABEL STATUS MESSAGE CMD...: refused with that status and exact message.
expect_refused() {
  local label=$1 want_status=$2 message=$3
  shift 3
  snapshot
  run "$@"
  expect_status "$want_status" "$label"
  expect_equal "$err" "triplydb-profile: $message" "$label: message"
  expect_equal "$out" "" "$label: nothing on standard output"
  expect_unchanged "$label"
}

refuse_token() {  # refuse_token LABEL MESSAGE TOKEN [OPTIONS]
  local label=$1 message=$2 token=$3
  shift 3
  printf '%s\n' "$token" >"$WORK/stdin"
  STDIN_FILE="$WORK/stdin" expect_refused "$label" 1 "$message" "$TDB" add newone --no-verify "$@"
}

refuse_token "non-JWT token" "the token is not a TriplyDB API token: a JWT has three parts separated by '.'; nothing was saved" "not-a-token"
refuse_token "token with a control character" \
  "the token is not a TriplyDB API token: it contains a control character (0x07) at character 3; nothing was saved" $'ab\acd.ef.gh'
refuse_token "token with a quote" "the token is not a TriplyDB API token: it contains a quote (') at character 3; nothing was saved" "ab'cd.ef.gh"
refuse_token "token whose payload is not JSON" "the token is not a TriplyDB API token: its payload is not a JSON object; nothing was saved" \
  "$(printf '{}' | b64url).$(printf 'nope' | b64url).sig"
refuse_token "expired token" \
  "the token expired on 2001-09-09 01:46 UTC; create a new one in the instance's token settings (https://triplydb.com/me/-/settings/tokens), or add --force to store it anyway" \
  "$(mint_token '{"uid":"u1","exp":1000000000}')"
refuse_token "token issued by a plain-http instance" \
  "the token's issuer is not a usable instance: invalid instance URL 'http://data.example': plain http:// would send the token unencrypted; use https:// (http:// is allowed only to localhost)" \
  "$(mint_token '{"uid":"u1","iss":"http://data.example"}')"
refuse_token "empty standard input" "no token on standard input: pipe the token in, or run 'triplydb-profile add newone' in a terminal to paste it; create a token at https://triplydb.com/me/-/settings/tokens" ""

printf '%s\n' "$(mint_token '{"uid":"u1","exp":1000000000}')" >"$WORK/stdin"
STDIN_FILE="$WORK/stdin" run "$TDB" add expired --no-verify --force
expect_status 0 "an expired token is stored with --force"
run "$TDB" remove expired

expect_refused "invalid name" 2 "invalid profile name 'bad name': use only letters, digits, '.', '_' and '-'" "$TDB" add "bad name"
expect_refused "'-' as a name" 2 "'-' means the previous profile and cannot be a profile name" "$TDB" rename prod -
expect_refused "unknown profile" 1 "unknown profile 'prdo'; did you mean 'prod'?" "$TDB" env prdo --shell bash
expect_refused "unknown profile for remove" 1 "unknown profile 'prdo'; did you mean 'prod'?" "$TDB" remove prdo
expect_refused "unknown profile for default" 1 "unknown profile 'staging'; 'triplydb-profile list' shows the profiles, 'triplydb-profile add staging' creates it" "$TDB" default staging
expect_refused "unknown shell" 2 "env: unknown shell 'csh'; use bash, zsh, fish, pwsh, nu, elvish, xonsh, posix, dotenv or json" "$TDB" env prod --shell csh
expect_refused "unknown option" 2 "list: Option ‘bogus’ does not exist (see 'triplydb-profile list --help')" "$TDB" list --bogus
expect_refused "unknown command" 2 "unknown command 'lst'; did you mean 'list'? (see 'triplydb-profile --help')" "$TDB" lst
expect_refused "a token on the command line" 2 "add: Option ‘token’ does not exist (see 'triplydb-profile add --help')" "$TDB" add x --token abc

# Hand-edited files: each mistake is reported with file:line:column, and no command rewrites them.
bad_file() {  # bad_file LABEL LOCATION MESSAGE CONTENT
  printf '%s' "$4" >"$TRIPLYDB_PROFILES"
  expect_refused "$1 (list)" 1 "$TRIPLYDB_PROFILES:$2: $3" "$TDB" list
  printf '%s\n' "$good_token" >"$WORK/stdin"
  STDIN_FILE="$WORK/stdin" expect_refused "$1 (add)" 1 "$TRIPLYDB_PROFILES:$2: $3" "$TDB" add another --no-verify
  expect_refused "$1 (default)" 1 "$TRIPLYDB_PROFILES:$2: $3" "$TDB" default --unset
}
profile_body="    instance: https://api.triplydb.com
    token: $good_token
"
bad_file "malformed YAML" 4:1 "end of sequence flow not found: a '[' without its ']'" $'version: 1\nprofiles:\n  prod: [\n'
bad_file "wrong type" 6:14 "profile 'prod': 'account' must be text, not a list" "version: 1
profiles:
  prod:
${profile_body}    account: [a, b]
"
bad_file "duplicate names" 6:3 "duplicate profile 'prod' (first at line 3)" "version: 1
profiles:
  prod:
${profile_body}  prod:
${profile_body}"
bad_file "tab indentation" 4:1 "a tab is used for indentation; YAML allows only spaces there" $'version: 1\nprofiles:\n  prod:\n\tinstance: x\n'
bad_file "token with a newline" 5:12 "profile 'prod': the token is not a TriplyDB API token: it contains a newline at character 4" \
  $'version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: "abc\\ndef"\n'
bad_file "invalid name in the file" 3:3 "invalid profile name 'no/slash': use only letters, digits, '.', '_' and '-'" "version: 1
profiles:
  no/slash:
${profile_body}"

head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' '#' >"$TRIPLYDB_PROFILES"
expect_refused "a 5 MiB file" 1 "$TRIPLYDB_PROFILES is 5242880 bytes; a profiles file may be at most 4 MiB" "$TDB" list
finish
