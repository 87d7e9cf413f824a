// whoami [NAME] [--json]: ask the instance whom a profile's token belongs to (GET /info, GET /me).
#include <nlohmann/json.hpp>

#include <ctime>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "model/token.hpp"
#include "net/network_options.hpp"
#include "net/triplydb_api.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

using Json = nlohmann::ordered_json;  // keys in the order written here

Json text_or_null(const std::string& text) { return text.empty() ? Json() : Json(text); }

void print_human(Context& ctx, const Profile& profile, const api::Verification& result, std::optional<std::int64_t> expires_at) {
  const auto& account = result.account;
  ctx.out << "profile   " << profile.name << "\n";
  ctx.out << "account   " << account.account_name << " (" << account.type << ", role " << account.role << ")\n";
  if (!account.name.empty()) ctx.out << "name      " << account.name << "\n";
  const std::string instance_name = result.info ? result.info->name : std::string();
  ctx.out << "instance  " << (instance_name.empty() ? "" : instance_name + ", ") << profile.instance << "\n";
  const auto now = epoch_seconds(ctx.now);
  if (expires_at)
    ctx.out << "token     " << (*expires_at <= now ? "expired " : "expires ") << format_utc(*expires_at) << "\n";
  else
    ctx.out << "token     does not expire\n";
}

void print_json(Context& ctx, const Profile& profile, const api::Verification& result, std::optional<std::int64_t> expires_at) {
  const auto& account = result.account;
  const Json document = {
      {"profile", profile.name},
      {"instance", profile.instance},
      {"instanceName", text_or_null(result.info ? result.info->name : "")},
      {"consoleUrl", text_or_null(result.info ? result.info->console_url : "")},
      {"accountName", account.account_name},
      {"uid", text_or_null(account.uid)},
      {"type", text_or_null(account.type)},
      {"name", text_or_null(account.name)},
      {"role", text_or_null(account.role)},
      {"tokenExpires", expires_at ? Json(format_utc(*expires_at, UtcStyle::iso8601)) : Json()},
  };
  ctx.out << document.dump(2) << "\n";
}

// A verification that did not succeed, worded for this command.
[[noreturn]] void fail(const Profile& profile, const api::Verification& result) {
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

}  // namespace

int run_whoami(Context& ctx, const CommandLine& line) {
  const http::Settings settings = network_settings(line.result(), ctx.env);
  const std::string name = name_or_active(ctx, line.positional());
  const ProfileDocument document = store_for(ctx).load();
  const Profile profile = with_token(ctx, require_profile(document.profiles(), name));
  const auto claims = read_token(profile.token);
  std::optional<std::int64_t> expires_at;
  if (claims) expires_at = claims->expires_at;

  const auto transport = http::helper_transport(ctx.program_path, ctx.env);
  const http::Client client(*transport, settings, profile.token);
  const api::Verification result = api::verify_token(client, profile.instance);
  if (result.outcome != api::Outcome::verified) fail(profile, result);
  if (line.flag("json"))
    print_json(ctx, profile, result, expires_at);
  else
    print_human(ctx, profile, result, expires_at);
  return 0;
}

}  // namespace tdb
