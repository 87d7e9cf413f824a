# Tokens for the bash suites, shaped like TriplyDB's: sourced by tests/e2e/lib.bash and
# tests/install/deb_smoke.bash (tests/testkit.py mints them for the Python suites).

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# mint_token CLAIMS_JSON: an unsigned JWT with these claims, as TriplyDB.js would decode it.
mint_token() {
  printf '%s.%s.%s' "$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)" "$(printf '%s' "$1" | b64url)" "$(printf 'sig-%s' "$RANDOM" | b64url)"
}
