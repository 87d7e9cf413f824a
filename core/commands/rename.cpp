// rename OLD NEW: the profile keeps its place in the file, the default follows it, and so do the
// folders bound to it.
#include <ostream>
#include <string>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/folder.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

// Bindings are ours to follow the new name; a project's .triplydb.yaml that names the profile is
// the project's. The profile is renamed already: a store that cannot be changed is a warning.
void rename_in_bindings(Context& ctx, const std::string& old_name, const std::string& new_name) {
  const ProjectStore projects = ProjectStore::from_environment(ctx.env);
  try {
    if (projects.load().folders_bound_to(old_name).empty()) return;
    std::size_t renamed = 0;
    projects.update([&](ProjectTrust& trust) { renamed = trust.rename_profile(old_name, new_name); });
    if (renamed == 0) return;  // unbound by another process meanwhile
    ctx.out << (renamed == 1 ? "The folder bound to it activates '" : "The " + std::to_string(renamed) + " folders bound to it activate '")
            << new_name << "' now.\n";
  } catch (const Failure& failure) {
    ctx.err << "triplydb-profile: warning: the folders bound to '" << old_name << "' still name it: " << failure.what()
            << "; run 'triplydb bind " << new_name << "' in each ('triplydb bindings' lists them)\n";
  }
}

}  // namespace

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
  if (old_name != new_name) rename_in_bindings(ctx, old_name, new_name);
  if (ctx.env.get("TRIPLYDB_PROFILE") == old_name)
    ctx.out << "This shell still calls it '" << old_name << "'; 'triplydb use " << new_name << "' refreshes it.\n";
  return 0;
}

}  // namespace tdb
