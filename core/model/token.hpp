#pragma once
// TriplyDB API tokens: JWTs read the way TriplyDB.js reads them (payload decoded, signature
// and expiry not checked), and the instance derived from the `iss` claim. Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace tdb {

struct TokenClaims {
  std::optional<std::string> uid;
  std::optional<std::string> issuer;       // `iss`
  std::optional<std::string> token_id;     // `jti`
  std::optional<std::int64_t> issued_at;   // `iat`, seconds since the epoch
  std::optional<std::int64_t> expires_at;  // `exp`, seconds since the epoch
};

// Why `token` cannot be an API token (characters, shape, payload), or its claims.
// Messages never repeat the token.
Expected<TokenClaims> read_token(std::string_view token);

// The part of read_token's checks that needs no decoding: the characters and the three parts.
std::optional<Problem> token_shape_problem(std::string_view token);

// The API base URL the token belongs to: `iss` without trailing '/', except a missing `iss` or
// the old fixed issuer "triply.cc", which mean https://api.triplydb.com.
std::string instance_from_claims(const TokenClaims& claims);

bool is_expired(const TokenClaims& claims, std::int64_t now_seconds);

// The token as people may see it: never more than its last 4 characters.
std::string mask_token(std::string_view token);

// `text` with every run of token characters that reads as a token replaced by its mask: for
// error messages and commands shown to people, which may quote a token pasted in the wrong place.
std::string mask_tokens_in(std::string_view text);

std::optional<std::string> decode_base64url(std::string_view text);

}  // namespace tdb
