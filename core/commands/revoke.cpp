// revoke NAME | revoke --token-id ID --with PROFILE: delete a token on its instance, then the
// profile that held it. When the instance refuses, the profile stays: it still holds a token
// that works.
#include <optional>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/token_session.hpp"
#include "model/token.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

// The profile, other than `except`, that holds the token `token_id` on `instance`.
std::optional<std::string> holder_of(const ProfileSet& set, const std::string& instance, const std::string& token_id) {
  for (const auto& profile : set.profiles) {
    if (profile.token_command || profile.instance != instance) continue;
    if (auto claims = read_token(profile.token); claims && claims->token_id == token_id) return profile.name;
  }
  return std::nullopt;
}

int revoke_other(Context& ctx, const CommandLine& line, const std::string& token_id) {
  const auto with = line.text("with");
  if (!with) throw UsageError("revoke: --token-id needs --with PROFILE, whose token deletes it (see 'triplydb-profile revoke --help')");
  const ProfileSet set = store_for(ctx).load().profiles();
  const Profile profile = with_token(ctx, require_profile(set, *with));
  if (auto holder = holder_of(set, profile.instance, token_id))
    throw Failure("token " + token_id + " is the token of profile '" + *holder + "': run 'triplydb-profile revoke " + *holder + "'");
  if (!confirmed(ctx, line, "Delete token " + token_id + " on " + profile.instance + "?")) throw Failure("nothing was deleted");
  const TokenSession session(ctx, line, profile);
  if (auto refused = session.tokens().remove(token_id)) throw Failure(refused->message + "; nothing was deleted");
  ctx.out << "Deleted token " << token_id << " on " << profile.instance << ".\n";
  return 0;
}

}  // namespace

int run_revoke(Context& ctx, const CommandLine& line) {
  if (auto token_id = line.text("token-id")) {
    if (!line.positional().empty()) throw UsageError("revoke: give NAME or --token-id ID --with PROFILE, not both");
    return revoke_other(ctx, line, *token_id);
  }
  if (line.positional().empty()) throw UsageError("revoke: missing argument (see 'triplydb-profile revoke --help')");
  if (line.text("with")) throw UsageError("revoke: --with goes with --token-id");
  const std::string& name = line.positional().front();
  const Profile profile = with_token(ctx, require_profile(store_for(ctx).load().profiles(), name));
  const std::string token_id = token_id_of(profile);
  if (!confirmed(ctx, line,
                 "Delete the token of profile '" + name + "' (id " + token_id + ") on " + profile.instance + " and remove the profile?"))
    throw Failure("nothing was deleted");
  std::optional<TokenSession> session;
  try {
    session.emplace(ctx, line, profile);
  } catch (const Failure& failure) {  // a token the instance rejects may have been revoked elsewhere already
    throw Failure(std::string(failure.what()) + "; nothing was deleted, profile '" + name + "' is kept ('triplydb-profile remove " + name +
                  "' removes it)");
  }
  if (auto refused = session->tokens().remove(token_id))
    throw Failure(refused->message + "; profile '" + name + "' is kept, and its token still works");
  bool was_default = false;
  store_for(ctx).update([&](ProfileDocument& document) {
    if (!document.profiles().find(name)) return;  // removed meanwhile: nothing left to do
    was_default = document.profiles().default_name == name;
    document.remove(name);
  });
  ctx.out << "Deleted the token of profile '" << name << "' (id " << token_id << ") on " << profile.instance
          << " and removed the profile.\n";
  if (was_default) ctx.out << "It was the default; new shells start without a profile now.\n";
  if (ctx.env.get("TRIPLYDB_PROFILE") == name) ctx.out << "This shell still holds the deleted token; 'triplydb off' clears it.\n";
  return 0;
}

}  // namespace tdb
