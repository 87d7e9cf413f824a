// remove NAME: delete a profile, and its keyring item; a default that pointed at it is cleared.
#include <ostream>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/folder.hpp"
#include "store/keyring.hpp"
#include "util/error.hpp"
#include "util/visible_text.hpp"

namespace tdb {

namespace {

// Bindings stay: a profile removed and added again under its name (a new token) is bound again.
void mention_bindings(Context& ctx, const std::string& name) {
  std::vector<std::string> folders;
  try {
    folders = ProjectStore::from_environment(ctx.env).load().folders_bound_to(name);
  } catch (const Failure&) {
    return;  // the profile is gone either way; 'triplydb bindings' says what is wrong with the store
  }
  if (folders.empty()) return;
  const bool one = folders.size() == 1;
  ctx.out << (one ? "A folder is" : std::to_string(folders.size()) + " folders are") << " still bound to '" << name << "' and "
          << (one ? "activates" : "activate") << " nothing until a profile of that name is added again ('triplydb unbind' there drops "
          << (one ? "it" : "one") << "):\n";
  for (const auto& folder : folders) ctx.out << "  " << visible_text(folder) << "\n";
}

}  // namespace

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
  mention_bindings(ctx, name);
  if (was_default)
    ctx.out << "It was the default; new shells start without a profile now ('triplydb-profile default NAME' sets another).\n";
  if (ctx.env.get("TRIPLYDB_PROFILE") == name) ctx.out << "This shell still holds its token; 'triplydb off' clears it.\n";
  return 0;
}

}  // namespace tdb
