#pragma once
// The controlling terminal, for the one thing that must bypass standard input: a hidden prompt.
#include <optional>
#include <string>
#include <string_view>

namespace tdb {

// Asks on /dev/tty with echo off; nullopt when there is no terminal or input ended.
std::optional<std::string> prompt_hidden(std::string_view question);

bool is_terminal(int fd);

}  // namespace tdb
