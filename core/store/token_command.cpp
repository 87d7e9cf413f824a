#include "store/token_command.hpp"

#include "util/process.hpp"

namespace tdb {

namespace {

std::string describe(std::chrono::milliseconds timeout) {
  if (timeout.count() % 1000 == 0) return std::to_string(timeout.count() / 1000) + " seconds";
  return std::to_string(timeout.count()) + " ms";
}

std::string first_line(const std::string& output) {
  std::string line = output.substr(0, output.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
  return line;
}

}  // namespace

Expected<std::string> run_token_command(const std::vector<std::string>& argv, const Environment& env, std::chrono::milliseconds timeout) {
  if (argv.empty() || argv.front().empty()) return Problem{"the command is empty"};
  const std::string& program = argv.front();
  // Without TRIPLYDB_*: a password manager needs none of it, and the shell's TRIPLYDB_TOKEN is
  // the token of another profile.
  auto run = run_process({argv, std::nullopt, max_token_command_output, timeout}, env.without_prefix("TRIPLYDB_"));
  if (!run) {
    const ProcessProblem& problem = run.error();
    switch (problem.failure) {
      case ProcessFailure::cannot_start:
        return Problem{"cannot run '" + program + "': " + problem.detail};
      case ProcessFailure::timed_out:
        return Problem{"'" + program + "' did not finish within " + describe(timeout) + " and was stopped"};
      case ProcessFailure::too_much_output:
        return Problem{"'" + program + "' printed more than 64 KiB, which is not a token"};
      case ProcessFailure::broken_pipe:
        break;
    }
    return Problem{"cannot read the output of '" + program + "': " + problem.detail};
  }
  if (run->signal) return Problem{"'" + program + "' was ended by signal " + std::to_string(*run->signal)};
  if (run->status != 0) return Problem{"'" + program + "' exited with status " + std::to_string(run->status)};
  std::string token = first_line(run->output);
  if (token.empty()) return Problem{"'" + program + "' printed no token"};
  return token;
}

}  // namespace tdb
