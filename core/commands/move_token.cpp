// move-token NAME --to keyring|file: moves a profile's token between the profiles file and the
// keyring. Never in neither place: the new place is written before the old one is cleared; and
// not left in both once the move is done: the old copy is deleted last.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "store/keyring.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

// What the file says now: whether NAME's token is in `item` (after a failed update, was the file
// written or not?). Unreadable counts as yes, so that nothing is deleted on a guess.
bool file_points_at(const ProfileStore& store, const std::string& name, const KeyringItem& item) {
  try {
    const Profile* profile = store.load().profiles().find(name);
    return !profile || profile->keyring == item;
  } catch (const Failure&) {
    return true;
  }
}

std::string describe(const KeyringItem& item) { return "service '" + item.service + "', account '" + item.account + "'"; }

// Keyring, then the file that points at it; the item goes again when the file kept the token.
KeyringItem move_to_keyring(const ProfileStore& store, Keyring& keyring, const std::string& name) {
  std::optional<KeyringItem> stored;
  try {
    store.update([&](ProfileDocument& document) {
      Profile profile = require_profile(document.profiles(), name);
      if (profile.keyring) throw Failure("the token of '" + name + "' is in the keyring already (" + describe(*profile.keyring) + ")");
      if (profile.token_command)
        throw Failure("profile '" + name + "' gets its token from token_command; 'triplydb-profile add " + name +
                      " --keyring --force' stores a token in the keyring instead");
      const KeyringItem item = free_keyring_item(document.profiles(), name);
      if (auto problem = keyring.store(item, keyring_label(profile), profile.token))
        throw Failure("cannot store the token of '" + name + "' in the keyring: " + problem->message + "; it stays in the file");
      stored = item;
      profile.token.clear();
      profile.keyring = item;
      document.put(profile);
    });
  } catch (...) {
    if (stored && !file_points_at(store, name, *stored)) keyring.remove(*stored);
    throw;
  }
  return *stored;
}

// The file, with the token read from the keyring, then the keyring item goes.
void move_to_file(Context& ctx, const ProfileStore& store, Keyring& keyring, const std::string& name) {
  std::optional<KeyringItem> item;
  bool shared = false;
  store.update([&](ProfileDocument& document) {
    const Profile& profile = require_profile(document.profiles(), name);
    if (!profile.keyring) throw Failure("the token of '" + name + "' is not in the keyring; nothing to move");
    Profile resolved = with_token(ctx, profile);
    item = profile.keyring;
    shared = keyring_item_shared(document.profiles(), profile);
    resolved.keyring.reset();
    document.put(resolved);
  });
  if (shared) return;
  if (auto problem = keyring.remove(*item))
    throw Failure("the token of '" + name + "' is in " + store.path().string() + " now, but its copy in the keyring (" + describe(*item) +
                  ") was not deleted: " + problem->message);
}

}  // namespace

int run_move_token(Context& ctx, const CommandLine& line) {
  const std::string& name = line.positional().front();
  const auto to = line.text("to");
  if (!to || (*to != "keyring" && *to != "file"))
    throw UsageError("move-token: say where the token goes: --to keyring or --to file (see 'triplydb-profile move-token --help')");
  const ProfileStore store = store_for(ctx);
  const auto keyring = system_keyring(ctx);
  if (*to == "keyring") {
    const KeyringItem item = move_to_keyring(store, *keyring, name);
    ctx.out << "Moved the token of '" << name << "' into the keyring (" << describe(item) << "); " << store.path().string()
            << " no longer holds it.\n";
  } else {
    move_to_file(ctx, store, *keyring, name);
    ctx.out << "Moved the token of '" << name << "' out of the keyring into " << store.path().string() << ".\n";
  }
  return 0;
}

}  // namespace tdb
