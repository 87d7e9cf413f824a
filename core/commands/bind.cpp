// bind NAME: this folder and those below it activate the profile NAME, kept in the user's store.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/folder.hpp"

namespace tdb {

int run_bind(Context& ctx, const CommandLine& line) {
  const std::string& name = line.positional().front();
  require_valid_name(name);
  require_profile(store_for(ctx).read(ctx.now), name);
  const std::string folder = this_folder();
  ProjectStore::from_environment(ctx.env).update([&](ProjectTrust& trust) { trust.bind(folder, name); });
  ctx.out << "Bound " << folder << " and the folders below it to profile '" << name << "'.\n";
  return 0;
}

}  // namespace tdb
