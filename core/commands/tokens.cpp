// tokens [NAME]: the tokens of the account that NAME's token belongs to, as its instance lists
// them, each marked with the profile here that holds it (by its jti claim).
#include <map>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/token_session.hpp"
#include "model/token.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

// tokenId -> the profile on `instance` whose stored token has that jti. token_command is not run.
std::map<std::string, std::string> profiles_by_token_id(const ProfileSet& set, const std::string& instance) {
  std::map<std::string, std::string> holders;
  for (const auto& profile : set.profiles) {
    if (profile.token_command || profile.instance != instance) continue;
    if (auto claims = read_token(profile.token); claims && claims->token_id) holders.emplace(*claims->token_id, profile.name);
  }
  return holders;
}

}  // namespace

int run_tokens(Context& ctx, const CommandLine& line) {
  const std::string name = name_or_active(ctx, line.positional());
  const ProfileSet set = store_for(ctx).load().profiles();
  const Profile profile = with_token(ctx, require_profile(set, name));
  const TokenSession session(ctx, line, profile);
  const auto listed = session.tokens().list();
  if (!listed) throw Failure(listed.error().message);
  auto holders = profiles_by_token_id(set, profile.instance);
  if (profile.token_command)
    if (auto claims = read_token(profile.token); claims && claims->token_id) holders.emplace(*claims->token_id, profile.name);
  const std::string& account = session.verification().account.account_name;

  if (line.flag("json")) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& token : *listed) {
      auto entry = token_json(token);
      const auto holder = holders.find(token.token_id);
      entry["profile"] = holder == holders.end() ? nlohmann::ordered_json() : nlohmann::ordered_json(holder->second);
      list.push_back(std::move(entry));
    }
    ctx.out << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  ctx.out << "Tokens of account " << account << " on " << profile.instance << ": " << listed->size() << "\n";
  for (const auto& token : *listed) {
    const auto holder = holders.find(token.token_id);
    ctx.out << "\n" << token.token_id << (holder == holders.end() ? "" : "  (profile " + holder->second + ")") << "\n";
    for (const auto& [label, value] : token_fields(token)) {
      std::string padded = "  " + label;
      padded.resize(13, ' ');
      ctx.out << padded << value << "\n";
    }
  }
  return 0;
}

}  // namespace tdb
