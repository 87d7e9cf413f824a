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

std::vector<Override> find_overrides(Context& ctx, const std::string& folder) {
  std::vector<Override> found;
  std::string up;
  for (std::filesystem::path here = folder;; here = here.parent_path()) {
    for (const auto& kind : override_files()) {
      const auto path = here / kind.name;
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec)) continue;
      std::string text;
      try {
        text = read_project_file(path);
      } catch (const Failure&) {
        continue;  // unreadable or huge: not something a tool reads either
      }
      const std::string shown = (up.empty() ? "./" : up) + std::string(kind.name);
      for (auto& item : file_overrides(kind, shown, text)) found.push_back(std::move(item));
    }
    if (here == here.root_path() || here.empty()) break;
    up += "../";
  }
  std::optional<Profile> active;
  if (auto name = ctx.env.get("TRIPLYDB_PROFILE"); name && !name->empty()) active = store_for(ctx).read(ctx.now).find(*name);
  for (auto& item : environment_overrides(ctx.env.get("TRIPLYDB_TOKEN"), ctx.env.get("TRIPLYDB_API"), active))
    found.push_back(std::move(item));
  return found;
}

}  // namespace tdb
