// unbind: this folder's own binding is removed.
#include <algorithm>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/folder.hpp"
#include "util/error.hpp"

namespace tdb {

int run_unbind(Context& ctx, const CommandLine& /*line*/) {
  const std::string folder = this_folder();
  const ProjectStore store = ProjectStore::from_environment(ctx.env);
  const ProjectTrust trust = store.load();
  if (std::none_of(trust.bindings.begin(), trust.bindings.end(), [&](const Binding& b) { return b.folder == folder; })) {
    if (const Binding* above = trust.binding_for(folder))
      throw Failure(folder + " has no binding of its own; it follows " + above->folder + " (profile '" + above->profile +
                    "'): run 'triplydb unbind' there");
    throw Failure(folder + " is not bound to a profile; 'triplydb bindings' lists the folders that are");
  }
  store.update([&](ProjectTrust& current) { current.unbind(folder); });
  ctx.out << "Unbound " << folder << ".\n";
  return 0;
}

}  // namespace tdb
