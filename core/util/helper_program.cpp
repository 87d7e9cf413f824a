#include "util/helper_program.hpp"

#include <unistd.h>

namespace tdb {

#ifndef TRIPLYDB_HELPER_RELATIVE_DIR
#define TRIPLYDB_HELPER_RELATIVE_DIR "../lib/triplydb-profile"  // from the executable's directory
#endif

std::vector<std::filesystem::path> helper_candidates(const std::filesystem::path& program_path, std::string_view file_name) {
  std::error_code error;
  auto real = std::filesystem::canonical(program_path, error);
  if (error) real = program_path;
  const auto directory = real.parent_path();
  return {(directory / TRIPLYDB_HELPER_RELATIVE_DIR / file_name).lexically_normal(), directory / file_name};
}

std::optional<std::filesystem::path> find_helper(const std::filesystem::path& program_path, std::string_view file_name) {
  for (const auto& candidate : helper_candidates(program_path, file_name))
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  return std::nullopt;
}

std::string missing_helper_message(const std::filesystem::path& program_path, std::string_view file_name, std::string_view what) {
  std::string tried;
  for (const auto& candidate : helper_candidates(program_path, file_name)) tried += (tried.empty() ? "" : ", ") + candidate.string();
  return "the " + std::string(what) + " " + std::string(file_name) + " is not installed (looked for " + tried + ")";
}

}  // namespace tdb
