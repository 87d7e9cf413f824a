// remove NAME: delete a profile, and its keyring item; a default that pointed at it is cleared.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "store/keyring.hpp"
#include "util/error.hpp"

namespace tdb {

int run_remove(Context& ctx, const CommandLine& line) {
  const std::string& name = line.positional().front();
  bool was_default = false;
  const ProfileStore store = store_for(ctx);
  // TriplyDB shows a token once, when it is made: a removed one cannot be fetched again.
  if (ctx.stdin_is_terminal && !line.flag("yes")) {
    const ProfileDocument document = store.load();
    const Profile& profile = require_profile(document.profiles(), name);
    if (!confirmed(ctx, line,
                   "Remove profile '" + name + "' (" + profile.instance +
                       ")? Its token cannot be shown again by TriplyDB; keep a copy "
                       "if you still need it."))
      throw Failure("nothing was removed");
  }
  store.update([&](ProfileDocument& document) {
    const Profile& profile = require_profile(document.profiles(), name);
    was_default = document.profiles().default_name == name;
    // The token goes first: a profile left pointing at nothing can be removed again, a token
    // left in the keyring with no profile would be forgotten there.
    if (profile.keyring && !keyring_item_shared(document.profiles(), profile))
      if (auto problem = system_keyring(ctx)->remove(*profile.keyring))
        throw Failure("profile '" + name + "' was not removed: its token is in the keyring: " + problem->message +
                      " (to drop the profile without the keyring, delete it from " + store.path().string() + " by hand)");
    document.remove(name);
  });
  ctx.out << "Removed profile '" << name << "'.\n";
  if (was_default)
    ctx.out << "It was the default; new shells start without a profile now ('triplydb-profile default NAME' sets another).\n";
  if (ctx.env.get("TRIPLYDB_PROFILE") == name) ctx.out << "This shell still holds its token; 'triplydb off' clears it.\n";
  return 0;
}

}  // namespace tdb
