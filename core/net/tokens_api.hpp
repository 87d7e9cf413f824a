#pragma once
// The tokens routes of the TriplyDB API (@triply/utils 5.0.1): list, create and delete the
// tokens of an account. Answers come back as values; a refusal is worded for people, without the
// token, and names the token settings page when the token may not manage tokens.
#include <optional>
#include <string>
#include <vector>

#include "net/http.hpp"
#include "util/expected.hpp"

namespace tdb::api {

// A Token as the API types it; scopes kept as the compact JSON the instance sent.
struct TokenInfo {
  std::string token_id, description, issued_at, last_accessed, owner_id;
  std::string scopes_json = "{}";
};

struct NewToken {
  TokenInfo info;
  std::string jwt;  // the `token` field: shown this once by the instance
};

struct TokenProblem {
  std::string message;  // for people: what was refused and why, token-free
  long status = 0;      // the HTTP status, 0 when there was none to speak of
};

class TokensApi {
 public:
  // `settings_page` ({consoleUrl}/me/-/settings/tokens) is named when the token lacks the
  // permission; empty when the instance did not say where its console is.
  TokensApi(const http::Client& client, std::string instance, std::string account, std::string settings_page)
      : client_(client), instance_(std::move(instance)), account_(std::move(account)), settings_page_(std::move(settings_page)) {}

  Expected<std::vector<TokenInfo>, TokenProblem> list() const;
  Expected<NewToken, TokenProblem> create(const std::string& description, const std::string& scopes_json) const;
  // Nothing when the instance deleted it.
  std::optional<TokenProblem> remove(const std::string& token_id) const;

 private:
  std::string collection() const;
  TokenProblem refusal(const http::Response& response, const std::string& what) const;

  const http::Client& client_;
  std::string instance_, account_, settings_page_;
};

// The record among `tokens` whose tokenId is `token_id` (a token's jti claim).
const TokenInfo* find_token(const std::vector<TokenInfo>& tokens, const std::string& token_id);

}  // namespace tdb::api
