#pragma once
// One value quoted for one shell so that it comes back byte for byte and never runs as code.
// Pure: no I/O.
#include <optional>
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace tdb {

enum class Shell { bash, zsh, fish, pwsh, nu, elvish, xonsh, posix, dotenv, json };

std::optional<Shell> parse_shell(std::string_view name);
std::string_view shell_name(Shell shell);
inline constexpr std::string_view shell_names = "bash, zsh, fish, pwsh, nu, elvish, xonsh, posix, dotenv or json";

// The value as a literal of `shell`, or why it cannot be one (NUL; for pwsh, nu, elvish, xonsh, json
// and dotenv, bytes that are not UTF-8; for dotenv, a value that python-dotenv and npm dotenv do not both read back).
Expected<std::string> quote(Shell shell, std::string_view value);

}  // namespace tdb
