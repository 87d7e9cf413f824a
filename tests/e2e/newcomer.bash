# What a new user meets first, run as the user runs it: where the profiles file is, add's token
# clean-up and account, use of an expired token, list's columns, remove's question.
source "$(dirname "$0")/lib.bash"

now=$(date +%s)
token=$(mint_token "{\"uid\":\"u1\",\"iss\":\"https://api.triplydb.com\",\"iat\":$now,\"exp\":$((now + 86400 * 30))}")

# --- the profiles file's location
TRIPLYDB_PROFILES="$WORK/nowhere/profiles.yaml" run "$TDB" list
expect_status 0 "list with TRIPLYDB_PROFILES naming a missing file"
expect_equal "$err" "No profiles yet in $WORK/nowhere/profiles.yaml. Add one with 'triplydb-profile add NAME'." "list names the missing file"

(cd "$WORK" && TRIPLYDB_PROFILES=rel/profiles.yaml run "$TDB" list && printf '%s\n%s\n' "$status" "$err" >"$WORK/rel.txt")
expect_equal "$(cat "$WORK/rel.txt")" "1
triplydb-profile: TRIPLYDB_PROFILES is 'rel/profiles.yaml', a relative path, which names a different file in each folder; set it to an absolute path" \
  "a relative TRIPLYDB_PROFILES is refused"
printf '%s\n' "$token" >"$WORK/stdin"
(cd "$WORK" && TRIPLYDB_PROFILES=rel/profiles.yaml STDIN_FILE="$WORK/stdin" run "$TDB" add prod --no-verify && echo "$status" >"$WORK/rel.txt")
expect_equal "$(cat "$WORK/rel.txt")" 1 "add with a relative TRIPLYDB_PROFILES fails"
expect_equal "$(ls "$WORK/rel" 2>&1)" "ls: cannot access '$WORK/rel': No such file or directory" "add with a relative TRIPLYDB_PROFILES writes nothing"

mkdir -p "$WORK/cwd"
(cd "$WORK/cwd" && unset TRIPLYDB_PROFILES && XDG_CONFIG_HOME=relative STDIN_FILE="$WORK/stdin" run "$TDB" add prod --no-verify && echo "$status" >"$WORK/rel.txt")
expect_equal "$(cat "$WORK/rel.txt")" 0 "add with a relative XDG_CONFIG_HOME"
expect_equal "$(test -f "$HOME/.config/triplydb/profiles.yaml" && echo there; ls -A "$WORK/cwd")" "there" \
  "a relative XDG_CONFIG_HOME is ignored: the file is under ~/.config, nothing under the folder"
mkdir -p "$WORK/cwd/relative/fish" && echo 'triplydb-profile init fish | source' >"$WORK/cwd/relative/fish/config.fish"
(cd "$WORK/cwd" && unset TRIPLYDB_PROFILES && XDG_CONFIG_HOME=relative run "$TDB" doctor && echo "$out" >"$WORK/rel.txt")
expect_absent "$(cat "$WORK/rel.txt")" "relative/fish" "doctor ignores a relative XDG_CONFIG_HOME too"
rm -rf "$WORK/cwd/relative"
rm -rf "$HOME/.config"

# --- add: what people paste, and no token at all
printf 'Bearer %s\n' "$token" >"$WORK/stdin"
STDIN_FILE="$WORK/stdin" run "$TDB" add pasted --no-verify
expect_status 0 "add with a pasted 'Bearer ' prefix"
expect_equal "$err" "Removed 'Bearer ' before the token." "add says it removed 'Bearer '"
run "$TDB" token pasted
expect_equal "$out" "$token" "the stored token is the token without 'Bearer '"
printf '  "%s"  \n' "$token" >"$WORK/stdin"
STDIN_FILE="$WORK/stdin" run "$TDB" add quoted --no-verify
expect_equal "$status|$err" "0|Removed the quotes around the token." "add says it removed the quotes"
run "$TDB" token quoted
expect_equal "$out" "$token" "the stored token is the token without quotes"
TRIPLYDB_TOKEN="'$token'" run "$TDB" add from-env --from-env --no-verify
expect_equal "$status|$err" "0|Removed the quotes around the token." "add --from-env removes quotes too"
printf '\n' >"$WORK/stdin"
STDIN_FILE="$WORK/stdin" run "$TDB" add none --no-verify
expect_equal "$status|$err" "1|triplydb-profile: no token on standard input: pipe the token in, or run 'triplydb-profile add none' in a terminal to paste it; create a token at https://triplydb.com/me/-/settings/tokens" \
  "add without a token names the page where tokens are made"
STDIN_FILE="$WORK/stdin" run "$TDB" add none --no-verify --instance https://api.data.acme.example/
expect_contains "$err" "; create a token at https://data.acme.example/me/-/settings/tokens" "that page is the --instance's console"

# --- add --token-command: a token_command profile without editing YAML
cmd_token=$(mint_token "{\"uid\":\"u9\",\"iss\":\"https://api.triplydb.com\",\"exp\":$((now + 86400 * 30))}")
printf '%s\n' "$cmd_token" >"$WORK/token-file"
run "$TDB" add from-cmd --no-verify --token-command "cat $WORK/token-file"
expect_equal "$status|$out" "0|Added profile 'from-cmd' for https://api.triplydb.com (token from its token_command, now ****${cmd_token: -4}, expires $(date -u -d "@$((now + 86400 * 30))" '+%Y-%m-%d %H:%M UTC')).
Activate it with 'triplydb use from-cmd'." "add --token-command runs the command once and says so"
expect_contains "$(cat "$TRIPLYDB_PROFILES")" "token_command:" "the file holds the token_command"
expect_absent "$(cat "$TRIPLYDB_PROFILES")" "${cmd_token: -12}" "the file does not hold the token"
run "$TDB" token from-cmd
expect_equal "$out" "$cmd_token" "token runs the stored token_command"
run "$TDB" add empty-cmd --no-verify --token-command ""
expect_equal "$status|$err" "2|triplydb-profile: add: --token-command needs a command, e.g. --token-command 'pass show triplydb/prod'" \
  "add --token-command with no command is a usage error"

# --- a hand-edited file: a misspelt key, a missing token beside 'tokn:', yaml-cpp's bare words
export TRIPLYDB_PROFILES="$WORK/hand/profiles.yaml"
mkdir -p "$WORK/hand" && chmod 700 "$WORK/hand"
printf 'version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: %s\n    acount: acme\n' "$token" >"$TRIPLYDB_PROFILES"
chmod 600 "$TRIPLYDB_PROFILES"
run "$TDB" show prod
expect_equal "$status|$err" "0|triplydb-profile: warning: $TRIPLYDB_PROFILES:6:5: profile 'prod' has a key 'acount' that this version does not know; did you mean 'account'?" \
  "show names a misspelt key with did you mean"
run "$TDB" doctor
expect_contains "$out" "warn  $TRIPLYDB_PROFILES:6:5: profile 'prod' has a key 'acount' that this version does not know; did you mean 'account'?" \
  "doctor names a misspelt key with did you mean"
printf 'version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    tokn: %s\n' "$token" >"$TRIPLYDB_PROFILES"
run "$TDB" list
expect_equal "$status|$err" "1|triplydb-profile: $TRIPLYDB_PROFILES:5:5: profile 'prod' has no 'token'; is 'tokn' meant to be 'token'?" \
  "a missing token beside 'tokn:' names it"
printf 'version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    description: read: write\n' >"$TRIPLYDB_PROFILES"
run "$TDB" list
expect_equal "$status|$err" "1|triplydb-profile: $TRIPLYDB_PROFILES:5:22: illegal map value: a ':' where YAML does not expect one; put quotes around a value that holds ': ', or check the indentation" \
  "yaml-cpp's 'illegal map value' gets a plain-language hint"
export TRIPLYDB_PROFILES="$WORK/config/profiles.yaml"

# --- edit without a terminal: checked, never asked again
export TRIPLYDB_PROFILES="$WORK/edit/profiles.yaml"
add_profile prod "$token"
before=$(cat "$TRIPLYDB_PROFILES")
printf '#!/bin/sh\nprintf "version: 1\\nprofiles:\\n  prod: [\\n" >"$1"\n' >"$WORK/broken-editor"
printf '#!/bin/sh\nprintf "# mine\\n" >>"$1"\n' >"$WORK/comment-editor"
chmod +x "$WORK/broken-editor" "$WORK/comment-editor"
VISUAL="$WORK/broken-editor" EDITOR=false run "$TDB" edit
expect_equal "$status|$err" "1|triplydb-profile: $TRIPLYDB_PROFILES:4:1: end of sequence flow not found: a '[' without its ']'
triplydb-profile: nothing was changed; $TRIPLYDB_PROFILES is as it was" "edit refuses a broken file (VISUAL before EDITOR)"
expect_equal "$(cat "$TRIPLYDB_PROFILES")" "$before" "a refused edit leaves the file as it was"
EDITOR=true run "$TDB" edit
expect_equal "$status|$out" "0|No changes; $TRIPLYDB_PROFILES is as it was." "edit without a change says so"
EDITOR="$WORK/comment-editor" run "$TDB" edit
expect_equal "$status|$out" "0|Saved $TRIPLYDB_PROFILES (1 profile)." "edit saves a valid file"
expect_equal "$(cat "$TRIPLYDB_PROFILES")" "$before
# mine" "edit keeps the edited text byte for byte, comment included"
expect_equal "$(stat -c %a "$TRIPLYDB_PROFILES"; ls -A "$WORK/edit")" "600
profiles.yaml
profiles.yaml.lock" "edit keeps the mode and leaves no copy behind"
export TRIPLYDB_PROFILES="$WORK/config/profiles.yaml"

# --- list: the description, and columns aligned as the terminal draws them
export TRIPLYDB_PROFILES="$WORK/list/profiles.yaml"
add_profile tokyo "$token" --account "東京チーム" --description "東京 production 🚀"
add_profile acme "$token" --account acme --description "plain"
add_profile bare "$token"
run "$TDB" list
expect_status 0 "list"
expect_equal "$(python3 -c '
import sys, unicodedata
def width(text):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
lines = sys.stdin.read().splitlines()[1:]
for line in lines:
    for column in ("****", "expires"):
        print(column, width(line[:line.index(column)]))
    for text in ("東京 production 🚀", "plain"):
        if text in line:
            print("description", width(line[:line.index(text)]))
' <<<"$out" | sort -u | awk '{print $1}' | uniq -c | awk '{print $1}' | tr '\n' ' ')" "1 1 1 " \
  "list aligns the token, expiry and description columns by display width (CJK, emoji)"
expect_contains "$out" "  東京 production 🚀" "list shows the description"
expect_contains "$out" "  plain" "list shows the description"
export TRIPLYDB_PROFILES="$WORK/config/profiles.yaml"

finish
