// whoami [NAME] [--json]: ask the instance whom a profile's token belongs to (GET /info, GET /me)
// and what the token may do (its record among the account's tokens).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/token_session.hpp"
#include "model/token.hpp"
#include "net/network_options.hpp"
#include "net/triplydb_api.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

using Json = nlohmann::ordered_json;  // keys in the order written here

Json text_or_null(const std::string& text) { return text.empty() ? Json() : Json(text); }

using OwnRecord = Expected<api::TokenInfo, api::TokenProblem>;

void print_human(Context& ctx, const Profile& profile, const api::Verification& result, std::optional<std::int64_t> expires_at,
                 const OwnRecord& record) {
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
  if (!record) {
    ctx.out << "access    not shown: " << record.error().message << "\n";
    return;
  }
  for (const auto& [label, value] : token_fields(*record)) {
    std::string padded = label;
    padded.resize(std::max<std::size_t>(10, label.size() + 1), ' ');
    ctx.out << padded << value << "\n";
  }
}

void print_json(Context& ctx, const Profile& profile, const api::Verification& result, std::optional<std::int64_t> expires_at,
                const OwnRecord& record) {
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
      {"token", record ? token_json(*record) : Json()},
      {"tokenProblem", record ? Json() : Json(record.error().message)},
  };
  ctx.out << document.dump(2) << "\n";
}

}  // namespace

int run_whoami(Context& ctx, const CommandLine& line) {
  const std::string name = name_or_active(ctx, line.positional());
  const ProfileDocument document = store_for(ctx).load();
  const Profile profile = with_token(ctx, require_profile(document.profiles(), name));
  const auto claims = read_token(profile.token);
  std::optional<std::int64_t> expires_at;
  if (claims) expires_at = claims->expires_at;

  const TokenSession session(ctx, line, profile);
  const OwnRecord record = session.own_record();
  if (line.flag("json"))
    print_json(ctx, profile, session.verification(), expires_at, record);
  else
    print_human(ctx, profile, session.verification(), expires_at, record);
  return 0;
}

}  // namespace tdb
