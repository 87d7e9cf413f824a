#include "commands/folder.hpp"

#include <filesystem>

#include "commands/common.hpp"
#include "util/error.hpp"

namespace tdb {

std::string this_folder() {
  std::error_code ec;
  auto here = std::filesystem::current_path(ec);
  if (ec) throw Failure("cannot tell which folder this is: " + ec.message());
  return physical_folder(here);
}

FoundProjectFile require_project_file(const std::string& folder) {
  auto found = find_project_file(folder);
  if (!found)
    throw Failure("there is no .triplydb.yaml in " + folder + " or above; 'triplydb bind NAME' binds a folder to a profile without one");
  if (found->problem) throw Failure(*found->problem);
  return *found;
}

Resolution resolve_here(Context& ctx, const std::string& folder) {
  return resolve_folder(folder, find_project_file(folder), ProjectStore::from_environment(ctx.env).load(),
                        store_for(ctx).read(ctx.now).all());
}

}  // namespace tdb
