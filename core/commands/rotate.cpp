// rotate NAME: a new token with the old one's description and scopes, verified, stored in the
// profile in one step, and only then the old one deleted. At every point the user holds a token
// that works: the old one until the new one is stored, the new one after.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/token_session.hpp"
#include "model/token.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

// The new token must answer GET /me as the same account before it replaces the old one.
void verify_new_token(const TokenSession& session, const Profile& profile, const api::NewToken& created) {
  const http::Client client(session.transport(), session.settings(), created.jwt);
  const api::Verification result = api::verify_token(client, profile.instance);
  const std::string& account = session.verification().account.account_name;
  std::string problem;
  if (result.outcome != api::Outcome::verified)
    problem = result.message;
  else if (result.account.account_name != account)
    problem = "it belongs to account " + result.account.account_name + ", not " + account;
  else if (!read_token(created.jwt))
    problem = "it is not a token this program reads";
  if (problem.empty()) return;
  const auto cleanup = session.tokens().remove(created.info.token_id);
  throw Failure("the new token (id " + created.info.token_id + ") did not verify: " + problem + "; profile '" + profile.name +
                "' keeps its old token, which still works" +
                (cleanup ? "; the new token could not be deleted (" + cleanup->message + ")" : "; the new token was deleted again"));
}

void store_new_token(Context& ctx, const TokenSession& session, const Profile& old_profile, const api::NewToken& created) {
  try {
    store_for(ctx).update([&](ProfileDocument& document) {
      const Profile* current = document.profiles().find(old_profile.name);
      if (!current || current->token != old_profile.token)
        throw Failure("profile '" + old_profile.name + "' was changed by another process just now");
      Profile updated = *current;
      updated.token = created.jwt;
      document.put(updated);
    });
  } catch (const Failure& failure) {
    const auto cleanup = session.tokens().remove(created.info.token_id);
    throw Failure(std::string(failure.what()) + "; the old token is kept and still works" +
                  (cleanup ? "; the new token (id " + created.info.token_id + ") could not be deleted (" + cleanup->message + ")"
                           : "; the new token was deleted again"));
  }
}

}  // namespace

int run_rotate(Context& ctx, const CommandLine& line) {
  const std::string& name = line.positional().front();
  const Profile profile = require_profile(store_for(ctx).load().profiles(), name);
  if (profile.token_command)
    throw Failure("profile '" + name +
                  "' takes its token from token_command, where rotate cannot write a new one back; nothing was changed. "
                  "Make a new token in the instance's token settings, store it where token_command reads it, then revoke the "
                  "old one with 'triplydb-profile revoke " +
                  name + "'");
  const std::string old_id = token_id_of(profile);
  const TokenSession session(ctx, line, profile);
  const auto old_record = session.own_record();
  if (!old_record)
    throw Failure("cannot rotate the token of profile '" + name + "': " + old_record.error().message + "; nothing was changed");

  auto created = session.tokens().create(old_record->description, old_record->scopes_json);
  if (!created) throw Failure("cannot rotate the token of profile '" + name + "': " + created.error().message + "; nothing was changed");
  verify_new_token(session, profile, *created);
  store_new_token(ctx, session, profile, *created);

  ctx.out << "Stored a new token in profile '" << name << "' (" << mask_token(created->jwt) << ", id " << created->info.token_id
          << ", same description and scopes).\n"
          << "Shells that had the old token active get the new one at their next 'triplydb use " << name << "'.\n";
  const http::Client new_client(session.transport(), session.settings(), created->jwt);
  const api::TokensApi with_new(new_client, profile.instance, session.verification().account.account_name, session.settings_page());
  if (auto refused = with_new.remove(old_id)) {
    ctx.err << "triplydb-profile: the old token (id " << old_id << ") still works: " << refused->message
            << ". Delete it with 'triplydb-profile revoke --token-id " << old_id << " --with " << name << "'"
            << (session.settings_page().empty() ? "" : " or at " + session.settings_page()) << ".\n";
    return exit_failure;
  }
  ctx.out << "Deleted the old token (id " << old_id << ") on " << profile.instance << ".\n";
  return 0;
}

}  // namespace tdb
