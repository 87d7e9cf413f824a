#pragma once
// Where the program finds its helper programs (network, keyring): in ../lib/triplydb-profile/
// relative to the executable's real path (installed), or beside it (build tree).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tdb {

// The places looked in for the helper `file_name`, in order.
std::vector<std::filesystem::path> helper_candidates(const std::filesystem::path& program_path, std::string_view file_name);

// The first executable candidate.
std::optional<std::filesystem::path> find_helper(const std::filesystem::path& program_path, std::string_view file_name);

// "the network helper triplydb-profile-http is not installed (looked for A, B)", with `what`.
std::string missing_helper_message(const std::filesystem::path& program_path, std::string_view file_name, std::string_view what);

}  // namespace tdb
