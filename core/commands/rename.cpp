// rename OLD NEW: the profile keeps its place in the file, and the default follows it.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "util/error.hpp"

namespace tdb {

int run_rename(Context& ctx, const CommandLine& line) {
  const std::string& old_name = line.positional()[0];
  const std::string& new_name = line.positional()[1];
  require_valid_name(new_name);
  store_for(ctx).update([&](ProfileDocument& document) {
    require_profile(document.profiles(), old_name);
    if (old_name == new_name) return;
    if (document.profiles().find(new_name))
      throw Failure("profile '" + new_name + "' exists already; remove it first or choose another name");
    document.rename(old_name, new_name);
  });
  ctx.out << "Renamed profile '" << old_name << "' to '" << new_name << "'.\n";
  if (ctx.env.get("TRIPLYDB_PROFILE") == old_name)
    ctx.out << "This shell still calls it '" << old_name << "'; 'triplydb use " << new_name << "' refreshes it.\n";
  return 0;
}

}  // namespace tdb
