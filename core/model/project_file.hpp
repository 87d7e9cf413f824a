#pragma once
// `.triplydb.yaml`, the file a project commits to say which instance (and account) it needs and
// which extra variables it sets. It never holds a token. Pure: text in, values out.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/profile.hpp"
#include "model/yaml_read.hpp"
#include "util/expected.hpp"

namespace tdb {

inline constexpr std::string_view project_file_name = ".triplydb.yaml";
inline constexpr int project_format_version = 1;

struct ProjectFile {
  std::string instance;  // normalised API base URL
  std::optional<std::string> account;
  Variables vars;
};

// `version: 1` and `instance` are required; `account` and `vars` are optional; nothing else.
Expected<ProjectFile, FileProblem> parse_project_file(std::string_view text);

// Why `name` cannot be an extra variable: not a portable name (letters, digits, '_', not starting
// with a digit), one of the variables a profile sets, or one that a shell or the program loader
// treats specially (PATH, LD_*, BASH_ENV, ENV, PS1, IFS, ...). Nothing when it can be.
// Who wrote the variable: a project file (someone else's data) or the user's own profile, where
// `ENV` (TriplyETL's development, testing, acceptance or production) is allowed.
enum class VariableOwner { project, profile };
std::optional<std::string> explain_refused_variable(std::string_view name, VariableOwner owner = VariableOwner::project);

// A `vars:` mapping of names to text; `owner` is named in problems, e.g. "profile 'prod': 'vars'".
Expected<Variables, FileProblem> read_variables(const YAML::Node& node, const std::string& what, VariableOwner owner);

}  // namespace tdb
