#pragma once
// Which profile a folder asks for: the nearest personal binding or allowed project file above it,
// matched against the user's profiles, or the one line that says why none is activated. Pure: the
// caller finds the files and reads the store.
#include <optional>
#include <string>
#include <vector>

#include "model/profile.hpp"
#include "model/project_file.hpp"
#include "model/project_trust.hpp"

namespace tdb {

// The nearest `.triplydb.yaml` at or above the folder, as read from disk.
struct FoundProjectFile {
  std::string folder;  // where it is (the project's root)
  std::string path;    // folder + "/.triplydb.yaml"
  std::string text;
  std::optional<std::string> problem = std::nullopt;  // why it could not be read
};

struct Resolution {
  enum class Kind { none, bind, project, notice };
  Kind kind = Kind::none;
  std::string root;     // the folder of the binding or project file; empty for none
  std::string profile;  // for bind and project
  Variables vars;       // the project file's, for project
  std::string message;  // for notice: one line, without "triplydb: "
};

// `folder` is absolute and physical (symbolic links resolved). A binding at the same folder as the
// project file, or nearer, wins over it.
Resolution resolve_folder(const std::string& folder, const std::optional<FoundProjectFile>& file, const ProjectTrust& trust,
                          const ProfileSet& profiles);

// The profiles for the project's instance, and account when it names one.
std::vector<std::string> matching_profiles(const ProjectFile& project, const ProfileSet& profiles);

// `path` as the user in `folder` would type it: ./.triplydb.yaml, ../.triplydb.yaml, or absolute.
std::string path_from(const std::string& folder, const std::string& path);

}  // namespace tdb
