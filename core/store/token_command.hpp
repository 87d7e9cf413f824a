#pragma once
// Runs a profile's `token_command` (e.g. `pass show triplydb/prod`) to get its token, so that the
// token can live in a password store instead of the profiles file. No shell is involved.
#include <chrono>
#include <string>
#include <vector>

#include "util/context.hpp"
#include "util/expected.hpp"

namespace tdb {

inline constexpr std::chrono::seconds default_token_command_timeout{60};
inline constexpr std::size_t max_token_command_output = 64 * 1024;

// Runs `argv` (argv[0] looked up in PATH) with `env` less every TRIPLYDB_* variable as its
// environment, standard input from /dev/null and standard error shared with ours (so that a
// password manager can explain itself), and returns the first line of its standard output as soon
// as it has exited; nothing it started is left running. A problem, never naming what was printed,
// when it cannot start, runs longer than `timeout` (it is killed), prints more than
// max_token_command_output bytes, prints nothing, or exits other than with status 0.
Expected<std::string> run_token_command(const std::vector<std::string>& argv, const Environment& env,
                                        std::chrono::milliseconds timeout = default_token_command_timeout);

}  // namespace tdb
