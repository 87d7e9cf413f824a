#include "net/tokens_api.hpp"

#include <nlohmann/json.hpp>

namespace tdb::api {
namespace {

using nlohmann::json;

std::string text_field(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<TokenInfo> token_from(const json& object) {
  if (!object.is_object() || text_field(object, "tokenId").empty()) return std::nullopt;
  const auto scopes = object.find("scopes");
  return TokenInfo{text_field(object, "tokenId"),  text_field(object, "description"),
                   text_field(object, "issuedAt"), text_field(object, "lastAccessed"),
                   text_field(object, "ownerId"),  scopes != object.end() && scopes->is_object() ? scopes->dump() : "{}"};
}

// An account name or token id as one path segment.
std::string path_segment(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// "401 Unauthorized.": the status and the server's own message, when it sent one.
std::string status_text(const http::Response& response) {
  const json body = json::parse(response.body, nullptr, false);
  const std::string message = body.is_object() ? text_field(body, "message") : std::string();
  return std::to_string(response.status) + (message.empty() ? "" : " " + message);
}

}  // namespace

std::string TokensApi::collection() const { return instance_ + "/accounts/" + path_segment(account_) + "/tokens"; }

TokenProblem TokensApi::refusal(const http::Response& response, const std::string& what) const {
  TokenProblem problem;
  problem.status = response.status;
  if (response.token_withheld)
    problem.message = instance_ + " sent " + what + " to " + http::origin_of(response.url) +
                      ", another origin, where the token is not sent: nothing was done there";
  else if (response.triply_api)
    problem.message = instance_ + " is a TriplyDB web console, not its API; the API is at " + *response.triply_api;
  else if (response.status / 100 == 3)
    problem.message = instance_ + " answered " + what + " with a redirect (" + std::to_string(response.status) +
                      "), which is followed only for reading: nothing was done";
  else if (response.status == 401 || response.status == 403)
    problem.message = instance_ + " refused " + what + " (" + status_text(response) + "): the token may not manage the tokens of account " +
                      account_ + (settings_page_.empty() ? "" : "; manage them at " + settings_page_);
  else
    problem.message = instance_ + " answered " + what + " with " + status_text(response);
  problem.message = client_.scrub(std::move(problem.message));
  return problem;
}

Expected<std::vector<TokenInfo>, TokenProblem> TokensApi::list() const {
  const http::Response response = client_.get(collection());
  const std::string what = "GET /accounts/" + account_ + "/tokens";
  if (response.token_withheld || response.triply_api || response.status / 100 != 2) return refusal(response, what);
  const json body = json::parse(response.body, nullptr, false);
  if (!body.is_array()) return TokenProblem{instance_ + " did not answer " + what + " with a list of tokens", response.status};
  std::vector<TokenInfo> tokens;
  for (const auto& item : body)
    if (auto token = token_from(item)) tokens.push_back(std::move(*token));
  return tokens;
}

Expected<NewToken, TokenProblem> TokensApi::create(const std::string& description, const std::string& scopes_json) const {
  const json request = {{"description", description}, {"scopes", json::parse(scopes_json, nullptr, false)}};
  const http::Response response = client_.send("POST", collection(), request.dump());
  const std::string what = "POST /accounts/" + account_ + "/tokens";
  if (response.token_withheld || response.triply_api || response.status / 100 != 2) return refusal(response, what);
  const json body = json::parse(response.body, nullptr, false);
  auto token = body.is_object() ? token_from(body) : std::nullopt;
  const std::string jwt = body.is_object() ? text_field(body, "token") : std::string();
  if (!token || jwt.empty()) return TokenProblem{instance_ + " did not answer " + what + " with a new token", response.status};
  return NewToken{std::move(*token), jwt};
}

std::optional<TokenProblem> TokensApi::remove(const std::string& token_id) const {
  const http::Response response = client_.send("DELETE", collection() + "/" + path_segment(token_id), std::nullopt);
  if (response.token_withheld || response.triply_api || response.status / 100 != 2)
    return refusal(response, "DELETE /accounts/" + account_ + "/tokens/" + token_id);
  return std::nullopt;
}

const TokenInfo* find_token(const std::vector<TokenInfo>& tokens, const std::string& token_id) {
  for (const auto& token : tokens)
    if (token.token_id == token_id) return &token;
  return nullptr;
}

}  // namespace tdb::api
