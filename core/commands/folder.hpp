#pragma once
// What the project-folder commands share: the folder the command runs in, the project file that
// governs it, and the user's decisions about folders.
#include <string>

#include "model/overrides.hpp"
#include "model/project_resolution.hpp"
#include "store/project_store.hpp"
#include "util/context.hpp"

namespace tdb {

// The folder the command runs in, physical: what bindings and allowed files are keyed by.
std::string this_folder();

// The nearest project file here or above, or a Failure that says there is none and what to do.
FoundProjectFile require_project_file(const std::string& folder);

// What the folder asks for, given the user's profiles and decisions.
Resolution resolve_here(Context& ctx, const std::string& folder);

// Everything in `folder` and above, and in the environment, that would override or contradict the
// active profile, nearest folder first.
std::vector<Override> find_overrides(Context& ctx, const std::string& folder);

}  // namespace tdb
