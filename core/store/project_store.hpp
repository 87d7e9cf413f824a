#pragma once
// The user's decisions about folders (allowed and denied project files, bindings), kept beside the
// profiles file as projects.json and written like it; and finding a folder's project file.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "model/project_resolution.hpp"
#include "model/project_trust.hpp"
#include "util/context.hpp"

namespace tdb {

// A project file is a few lines; anything larger is not one.
inline constexpr std::size_t max_project_file_bytes = 64 * 1024;

// projects.json in the folder of the profiles file.
std::filesystem::path locate_project_store(const Environment& env);

class ProjectStore {
 public:
  explicit ProjectStore(std::filesystem::path file) : file_(std::move(file)) {}
  static ProjectStore from_environment(const Environment& env) { return ProjectStore(locate_project_store(env)); }

  const std::filesystem::path& path() const { return file_; }
  // A missing file is an empty store. Throws Failure naming the file otherwise.
  ProjectTrust load() const;
  // Locks, loads, lets `edit` change the decisions, then replaces the file in one step.
  void update(const std::function<void(ProjectTrust&)>& edit) const;

 private:
  std::filesystem::path file_;
};

// The folder the shell is in, as an absolute path with symbolic links resolved.
std::string physical_folder(const std::filesystem::path& folder);

// The nearest `.triplydb.yaml` in `folder` (physical) or above it; a file that cannot be read is
// reported as a project file with that problem, so that it activates nothing and says why.
std::optional<FoundProjectFile> find_project_file(const std::string& folder);

// One project file's text; Failure with what is wrong (missing, not a regular file, too large).
std::string read_project_file(const std::filesystem::path& path);

}  // namespace tdb
