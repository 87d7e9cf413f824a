#pragma once
// What in a folder and above would override or contradict the active profile for the tools our
// users run: lines of .env, .env.local, .envrc, .ratt and .ratt-private that set TRIPLYDB_TOKEN or
// TRIPLYDB_API, a TRIPLYDB_API that is not the token's instance, variables changed by hand after
// `use`. Pure: the caller reads the files and the environment.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/profile.hpp"

namespace tdb {

// The files looked for in each folder, and who reads them.
struct OverrideFile {
  std::string_view name;
  std::string_view effect;  // what the tool does with what the file sets
};
const std::vector<OverrideFile>& override_files();

struct Override {
  std::string file;  // as the user would type it from the folder; empty for the environment
  int line = 0;      // 0 for the environment
  std::string variable;
  std::string problem;
  std::string fix;

  // "FILE:LINE", or the variable's name for the environment.
  std::string where() const { return file.empty() ? variable : file + ":" + std::to_string(line); }
};

// The lines of a dotenv-style file (NAME=value, `export NAME=value`) that set TRIPLYDB_TOKEN or
// TRIPLYDB_API: (line number, name).
std::vector<std::pair<int, std::string>> token_assignments(std::string_view text);

// Findings for one file's text: `shown` is its name as the user would type it.
std::vector<Override> file_overrides(const OverrideFile& kind, const std::string& shown, std::string_view text);

// What the environment says against itself or against the active profile: TRIPLYDB_API not the
// token's instance; TRIPLYDB_TOKEN or TRIPLYDB_API no longer what `use` of TRIPLYDB_PROFILE set.
std::vector<Override> environment_overrides(const std::optional<std::string>& token, const std::optional<std::string>& api,
                                            const std::optional<Profile>& active);

}  // namespace tdb
