#pragma once
// The controlling terminal, for the one thing that must bypass standard input: a hidden prompt.
#include <optional>
#include <string>
#include <string_view>

namespace tdb {

// Asks on /dev/tty with echo off; nullopt when there is no terminal or input ended.
std::optional<std::string> prompt_hidden(std::string_view question);

bool is_terminal(int fd);

// Waits (up to about two seconds) until this process's group owns terminal `fd`. A shell with job
// control starts a program in a group of its own and hands it the terminal just after; a read
// before that fails at once where the shell ignores SIGTTIN (nushell), like an empty answer.
void wait_for_terminal(int fd);

}  // namespace tdb
