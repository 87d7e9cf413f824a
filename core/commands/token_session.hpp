#pragma once
// What the commands about a token on its instance share (rotate, revoke, tokens, whoami, show
// --online): the token verified with GET /info and /me, the account's tokens API, and the
// token's own record among the account's tokens, found by its jti claim.
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "commands/common.hpp"
#include "net/http.hpp"
#include "net/tokens_api.hpp"
#include "net/triplydb_api.hpp"

namespace tdb {

class TokenSession {
 public:
  // Verifies `profile.token` (resolved already) on profile.instance; throws the Failure whoami
  // prints when the instance does not confirm it.
  TokenSession(Context& ctx, const CommandLine& line, const Profile& profile);

  const api::Verification& verification() const { return verification_; }
  const api::TokensApi& tokens() const { return *tokens_; }
  http::Transport& transport() const { return *transport_; }
  const http::Settings& settings() const { return settings_; }
  std::string settings_page() const { return api::token_settings_url(verification_); }

  // The record of the profile's own token, or why there is none to show.
  Expected<api::TokenInfo, api::TokenProblem> own_record() const;

 private:
  http::Settings settings_;
  std::unique_ptr<http::Transport> transport_;
  std::unique_ptr<http::Client> client_;
  api::Verification verification_;
  std::unique_ptr<api::TokensApi> tokens_;
  std::optional<std::string> token_id_;
};

// A verification that did not succeed, worded for a command about `profile`.
[[noreturn]] void fail_verification(const Profile& profile, const api::Verification& result);

// The token's jti claim, which is its tokenId on the instance; Failure when it has none.
std::string token_id_of(const Profile& profile);

// "write" or "-", then the raw scopes: what a person reads as the token's access.
std::string access_text(const api::TokenInfo& token);

// Label and value of each line about a token: name (its description), access, issued, last used.
std::vector<std::pair<std::string, std::string>> token_fields(const api::TokenInfo& token);

// The same for --json: tokenId, description, access, scopes (as the instance sent them), issuedAt, lastAccessed.
nlohmann::ordered_json token_json(const api::TokenInfo& token);

}  // namespace tdb
