#pragma once
// The controlling terminal, for the one thing that must bypass standard input: a hidden prompt.
#include <optional>
#include <string>
#include <string_view>

namespace tdb {

// Asks on /dev/tty with echo off; nullopt when there is no terminal or input ended.
std::optional<std::string> prompt_hidden(std::string_view question);

bool is_terminal(int fd);

// True when this process's group owns terminal `fd` (or `fd` is no terminal): a read can succeed.
bool owns_terminal(int fd);

// Waits (up to about two seconds) until this process's group owns terminal `fd`, where a read
// from the background would fail at once rather than stop us (SIGTTIN ignored, as nushell leaves
// it): a shell with job control starts a program in a group of its own and hands it the terminal
// just after. A terminal left to a group with no process in it is taken for ours.
void wait_for_terminal(int fd);

}  // namespace tdb
