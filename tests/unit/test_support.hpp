#pragma once
// Tokens minted for tests: an unsigned JWT with the given JSON payload; a private temporary
// folder; and a look at /proc for processes a test must not leave behind.
#include <filesystem>
#include <string>
#include <string_view>

namespace tdb::test {

std::string base64url(const std::string& bytes);
std::string mint_token(const std::string& payload_json);

// A fresh folder (0700) under the system's temporary folder, removed with everything in it.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// The whole file, byte for byte; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Whether a process with exactly this command line (words joined by spaces) is running; use a
// marker nobody else runs, such as `sleep 600.123`.
bool process_running(std::string_view command_line);

}  // namespace tdb::test
