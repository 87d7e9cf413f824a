// current: the profile this shell has, and whether TRIPLYDB_TOKEN still is that profile's token.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "util/error.hpp"

namespace tdb {

int run_current(Context& ctx, const CommandLine& /*line*/) {
  auto active = ctx.env.get("TRIPLYDB_PROFILE");
  if (!active || active->empty()) {
    if (ctx.env.has("TRIPLYDB_TOKEN")) throw Failure("TRIPLYDB_TOKEN is set, but not by a profile; 'triplydb use NAME' activates one");
    throw Failure("no profile is active in this shell; 'triplydb use NAME' activates one");
  }
  ctx.out << *active << "\n";
  const std::optional<Profile> profile = store_for(ctx).read(ctx.now).find(*active);
  if (!profile) throw Failure("profile '" + *active + "' is active in this shell but no longer in " + store_for(ctx).path().string());
  auto token = ctx.env.get("TRIPLYDB_TOKEN");
  if (!profile->has_stored_token()) return 0;  // a prompt may run this often; neither password store nor keyring is asked
  if (token != profile->token)
    throw Failure(std::string("TRIPLYDB_TOKEN ") + (token ? "was changed" : "was unset") + " after profile '" + *active +
                  "' was activated, or the profile's token was replaced; 'triplydb use " + *active + "' makes them agree");
  return 0;
}

}  // namespace tdb
