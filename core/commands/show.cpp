// show NAME [--online]: one profile and what its token says about itself; --online adds what the
// instance says the token may do.
#include <nlohmann/json.hpp>

#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/token_session.hpp"
#include "model/token.hpp"
#include "shell/shell_words.hpp"

namespace tdb {

namespace {

nlohmann::json optional_json(const std::optional<std::string>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }
nlohmann::json optional_json(const std::optional<std::int64_t>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }

// --online: the token's record on its instance (token_command is run for it).
Expected<api::TokenInfo, api::TokenProblem> online_record(Context& ctx, const CommandLine& line, const Profile& profile) {
  const Profile resolved = with_token(ctx, profile);
  const TokenSession session(ctx, line, resolved);
  return session.own_record();
}

}  // namespace

int run_show(Context& ctx, const CommandLine& line) {
  const ProfileStore store = store_for(ctx);
  const ProfileReader reader = store.read(ctx.now);
  const Profile p = require_profile(reader, line.positional().front());
  // A key this version does not know is kept, but is most often a typo of one it does.
  for (const auto& note : store.load().unknown_keys(p.name)) ctx.err << "triplydb-profile: warning: " << store.located(note) << "\n";
  // The loader has checked a stored token; a token_command is not run, nor the keyring asked, just to show claims.
  TokenClaims claims = p.has_stored_token() ? read_token(p.token).value() : TokenClaims{};
  auto now = epoch_seconds(ctx.now);
  bool is_default = reader.default_name() == p.name;
  bool active = ctx.env.get("TRIPLYDB_PROFILE") == p.name;

  std::optional<Expected<api::TokenInfo, api::TokenProblem>> online;
  if (line.flag("online")) online = online_record(ctx, line, p);

  if (line.flag("json")) {
    nlohmann::json out{{"name", p.name},
                       {"instance", p.instance},
                       {"account", optional_json(p.account)},
                       {"description", optional_json(p.description)},
                       {"access", optional_json(p.access)},
                       {"token", p.has_stored_token() ? nlohmann::json(mask_token(p.token)) : nlohmann::json(nullptr)},
                       {"keyring", keyring_json(p)},
                       {"token_command", p.token_command ? nlohmann::json(token_command_display(p)) : nlohmann::json(nullptr)},
                       {"default", is_default},
                       {"active", active},
                       {"claims",
                        {{"uid", optional_json(claims.uid)},
                         {"issuer", optional_json(claims.issuer)},
                         {"token_id", optional_json(claims.token_id)},
                         {"issued_at", optional_json(claims.issued_at)},
                         {"expires_at", optional_json(claims.expires_at)}}},
                       {"expired", is_expired(claims, now)}};
    if (online) {
      out["online"] = *online ? nlohmann::json(token_json(**online)) : nlohmann::json(nullptr);
      out["online_problem"] = *online ? nlohmann::json(nullptr) : nlohmann::json(online->error().message);
    }
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  auto field = [&](std::string_view label, const std::string& value) {
    std::string padded(label);
    padded.resize(13, ' ');
    ctx.out << padded << value << "\n";
  };
  field("name", p.name + (is_default ? " (default)" : "") + (active ? " (active in this shell)" : ""));
  field("instance", p.instance);
  field("account", p.account.value_or("-"));
  if (p.description) field("description", *p.description);
  if (p.access && !online) field("access", *p.access + " (when added; --online asks the instance)");
  field("token", token_display(p));
  if (p.token_command) field("command", join_words(token_command_display(p)));
  if (p.keyring) field("keyring", "service '" + p.keyring->service + "', account '" + p.keyring->account + "'");
  auto online_fields = [&] {
    if (!online) return;
    if (!*online) return field("online", "not shown: " + online->error().message);
    for (const auto& [label, value] : token_fields(**online))
      if (label != "issued" || p.token_command) field(label, value);  // the token's iat, above, says when
  };
  if (p.token_command) {
    field("claims", "not read: 'show' does not run token_command ('triplydb-profile token " + p.name + "' does)");
    online_fields();
    return 0;
  }
  if (p.keyring) {
    field("claims", "not read: 'show' does not ask the keyring ('triplydb-profile token " + p.name + "' does)");
    return 0;
  }
  field("user id", claims.uid.value_or("-"));
  field("issuer", claims.issuer.value_or("- (means " + instance_from_claims(claims) + ")"));
  field("token id", claims.token_id.value_or("-"));
  field("issued", claims.issued_at ? format_utc(*claims.issued_at) : "-");
  field("expires", claims.expires_at ? (is_expired(claims, now) ? "EXPIRED " : "") + format_utc(*claims.expires_at) : "never");
  online_fields();
  return 0;
}

}  // namespace tdb
