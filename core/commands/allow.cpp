// allow: the nearest .triplydb.yaml may activate the user's profile for it, while its content stays
// what it is now.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/folder.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

namespace tdb {

int run_allow(Context& ctx, const CommandLine& /*line*/) {
  const std::string folder = this_folder();
  const FoundProjectFile file = require_project_file(folder);
  auto project = parse_project_file(file.text);
  if (!project) throw Failure(located(file.path, project.error()));
  ProjectStore::from_environment(ctx.env).update([&](ProjectTrust& trust) { trust.allow(file.path, sha256_hex(file.text)); });
  ctx.out << "Allowed " << file.path << " (" << project->instance << ").\n";
  return 0;
}

}  // namespace tdb
