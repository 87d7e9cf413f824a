// default [NAME | --unset]: the profile that new shells without a TRIPLYDB_TOKEN start with.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "util/error.hpp"

namespace tdb {

int run_default(Context& ctx, const CommandLine& line) {
  bool unset = line.flag("unset");
  if (unset && !line.positional().empty()) throw UsageError("default: give NAME or --unset, not both");

  if (!unset && line.positional().empty()) {
    const ProfileReader reader = store_for(ctx).read(ctx.now);
    const auto name = reader.default_name();
    if (!name) throw Failure("no default profile is set; 'triplydb-profile default NAME' sets one");
    ctx.out << *name << "\n";
    if (!reader.find(*name))
      throw Failure("the default profile '" + *name + "' does not exist; 'triplydb-profile default NAME' sets another");
    return 0;
  }
  std::optional<std::string> name;
  if (!unset) name = line.positional().front();
  store_for(ctx).update([&](ProfileDocument& document) {
    if (name) require_profile(document.profiles(), *name);
    document.set_default(name);
  });
  if (name)
    ctx.out << "New shells start with profile '" << *name << "'.\n";
  else
    ctx.out << "New shells start without a profile.\n";
  return 0;
}

}  // namespace tdb
