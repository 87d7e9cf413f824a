#include "commands/token_session.hpp"

#include "model/token.hpp"
#include "model/token_scopes.hpp"
#include "net/network_options.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

// "2025-01-02T03:04:05.000Z" as format_utc writes times: "2025-01-02 03:04 UTC".
std::string instance_time(const std::string& iso) {
  if (iso.empty()) return "-";
  if (iso.size() < 16 || iso[10] != 'T' || !iso.ends_with('Z')) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace

TokenSession::TokenSession(Context& ctx, const CommandLine& line, const Profile& profile)
    : settings_(network_settings(line.result(), ctx.env)), transport_(http::helper_transport(ctx.program_path, ctx.env)) {
  client_ = std::make_unique<http::Client>(*transport_, settings_, profile.token);
  verification_ = api::verify_token(*client_, profile.instance);
  if (verification_.outcome != api::Outcome::verified) fail_verification(profile, verification_);
  tokens_ = std::make_unique<api::TokensApi>(*client_, profile.instance, verification_.account.account_name, settings_page());
  if (auto claims = read_token(profile.token)) token_id_ = claims->token_id;
}

Expected<api::TokenInfo, api::TokenProblem> TokenSession::own_record() const {
  if (!token_id_) return api::TokenProblem{"the token has no jti claim, which names it among the account's tokens"};
  auto listed = tokens_->list();
  if (!listed) return listed.error();
  if (const auto* found = api::find_token(*listed, *token_id_)) return *found;
  return api::TokenProblem{"the instance lists no token with id " + *token_id_ + " for account " + verification_.account.account_name};
}

void fail_verification(const Profile& profile, const api::Verification& result) {
  if (result.outcome == api::Outcome::rejected) {
    const std::string settings_page = api::token_settings_url(result);
    throw Failure(profile.instance + " rejected the token of profile '" + profile.name + "' (" + result.server_answer +
                  "); make a new token" + (settings_page.empty() ? "" : " at " + settings_page) + " and run 'triplydb-profile add " +
                  profile.name + " --force'");
  }
  if (result.outcome == api::Outcome::console)
    throw Failure(result.message + ": run 'triplydb-profile add " + profile.name + " --instance " + result.api_url +
                  " --force' to fix the profile");
  throw Failure(result.message);
}

std::string token_id_of(const Profile& profile) {
  auto claims = read_token(profile.token);
  if (!claims || !claims->token_id)
    throw Failure("the token of profile '" + profile.name + "' has no jti claim, which names it among the account's tokens");
  return *claims->token_id;
}

std::string access_text(const api::TokenInfo& token) {
  return access_label(token.scopes_json).value_or("-") + " (scopes " + token.scopes_json + ")";
}

std::vector<std::pair<std::string, std::string>> token_fields(const api::TokenInfo& token) {
  return {{"token name", token.description.empty() ? "-" : token.description},
          {"access", access_text(token)},
          {"issued", instance_time(token.issued_at)},
          {"last used", token.last_accessed.empty() ? "never" : instance_time(token.last_accessed)}};
}

nlohmann::ordered_json token_json(const api::TokenInfo& token) {
  auto label = access_label(token.scopes_json);
  auto text_or_null = [](const std::string& text) { return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text); };
  return {{"tokenId", token.token_id},
          {"description", token.description},
          {"access", label ? nlohmann::ordered_json(*label) : nlohmann::ordered_json()},
          {"scopes", nlohmann::ordered_json::parse(token.scopes_json, nullptr, false)},
          {"issuedAt", text_or_null(token.issued_at)},
          {"lastAccessed", text_or_null(token.last_accessed)}};
}

}  // namespace tdb
