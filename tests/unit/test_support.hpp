#pragma once
// Tokens minted for tests: an unsigned JWT with the given JSON payload; and a look at /proc for
// processes a test must not leave behind.
#include <string>
#include <string_view>

namespace tdb::test {

std::string base64url(const std::string& bytes);
std::string mint_token(const std::string& payload_json);

// Whether a process with exactly this command line (words joined by spaces) is running; use a
// marker nobody else runs, such as `sleep 600.123`.
bool process_running(std::string_view command_line);

}  // namespace tdb::test
