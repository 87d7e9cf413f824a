// deny: the nearest .triplydb.yaml activates nothing and is not mentioned again, whatever it holds.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/folder.hpp"
#include "util/sha256.hpp"

namespace tdb {

int run_deny(Context& ctx, const CommandLine& /*line*/) {
  const FoundProjectFile file = require_project_file(this_folder());
  ProjectStore::from_environment(ctx.env).update([&](ProjectTrust& trust) { trust.deny(file.path, sha256_hex(file.text)); });
  ctx.out << "Denied " << file.path << ": it activates nothing; 'triplydb allow' undoes this.\n";
  return 0;
}

}  // namespace tdb
