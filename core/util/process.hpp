#pragma once
// Runs another program to completion without a shell: its standard input fed from a string (or
// /dev/null), its standard output collected up to a limit, its standard error shared with ours,
// and a deadline after which it is killed. Used for token_command and the network helper; and
// run_attached() for the editor of `edit`, which shares our terminal.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "util/context.hpp"
#include "util/expected.hpp"

namespace tdb {

struct ProcessRequest {
  std::vector<std::string> argv;     // argv[0] is looked up in PATH when it has no slash
  std::optional<std::string> input;  // none: standard input is /dev/null
  std::size_t max_output = 64 * 1024;
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
};

struct ProcessExit {
  int status = 0;             // the exit status, when it exited
  std::optional<int> signal;  // the signal that ended it, when one did
  std::string output;         // what it wrote to standard output
};

enum class ProcessFailure { cannot_start, timed_out, too_much_output, broken_pipe };

struct ProcessProblem {
  ProcessFailure failure;
  std::string detail;  // the system's words for cannot_start and broken_pipe
};

// Runs `request` with `env` as the whole environment, until the child has exited: output that
// is in the pipe then is its output, even if something it started still holds the pipe. The child
// is always reaped (on a timeout or too much output it is killed first), and so is everything it
// started: whatever of its tree is still running when we return is killed, but for daemons (a
// session of their own). The child stays in our process group, so that it may ask on the terminal.
Expected<ProcessExit, ProcessProblem> run_process(const ProcessRequest& request, const Environment& env);

// Runs `argv` with our terminal and standard streams (an editor), and waits for it; `output`
// stays empty.
Expected<ProcessExit, ProcessProblem> run_attached(const std::vector<std::string>& argv, const Environment& env);

}  // namespace tdb
