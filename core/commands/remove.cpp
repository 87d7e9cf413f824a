// remove NAME: delete a profile; a default that pointed at it is cleared.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"

namespace tdb {

int run_remove(Context& ctx, const CommandLine& line) {
  const std::string& name = line.positional().front();
  bool was_default = false;
  store_for(ctx).update([&](ProfileDocument& document) {
    require_profile(document.profiles(), name);
    was_default = document.profiles().default_name == name;
    document.remove(name);
  });
  ctx.out << "Removed profile '" << name << "'.\n";
  if (was_default)
    ctx.out << "It was the default; new shells start without a profile now ('triplydb-profile default NAME' sets another).\n";
  if (ctx.env.get("TRIPLYDB_PROFILE") == name) ctx.out << "This shell still holds its token; 'triplydb off' clears it.\n";
  return 0;
}

}  // namespace tdb
