#include "token_command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace tdb {

namespace {

using Clock = std::chrono::steady_clock;

// The pipe's ends, closed when they go out of scope.
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
  }
};

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

// Waits for `pid` until `deadline`, then kills it; nullopt when it had to be killed.
std::optional<int> reap_before(pid_t pid, Clock::time_point deadline) {
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return 0;
    if (Clock::now() >= deadline) {
      kill_and_reap(pid);
      return std::nullopt;
    }
    ::usleep(2000);
  }
}

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
  Pipe out;
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return Problem{std::string("cannot create a pipe: ") + std::strerror(errno)};
  out.read_end = ends[0];
  out.write_end = ends[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end, STDOUT_FILENO);
  std::vector<std::string> entries;
  for (const auto& [name, value] : env.all()) entries.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<char*> args;
  for (const auto& word : argv) args.push_back(const_cast<char*>(word.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int spawn_error = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) return Problem{"cannot run '" + program + "': " + std::strerror(spawn_error)};
  ::close(std::exchange(out.write_end, -1));

  std::string output;
  auto deadline = Clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill_and_reap(pid);
      return Problem{"'" + program + "' did not finish within " + describe(timeout) + " and was stopped"};
    }
    pollfd ready{out.read_end, POLLIN, 0};
    int polled = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (polled < 0 && errno != EINTR) {
      kill_and_reap(pid);
      return Problem{std::string("cannot read its output: ") + std::strerror(errno)};
    }
    if (polled <= 0) continue;
    char buffer[4096];
    ssize_t n = ::read(out.read_end, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
    if (output.size() > max_token_command_output) {
      kill_and_reap(pid);
      return Problem{"'" + program + "' printed more than 64 KiB, which is not a token"};
    }
  }
  // Its standard output is closed, but it may still be running.
  auto status = reap_before(pid, deadline);
  if (!status) return Problem{"'" + program + "' did not finish within " + describe(timeout) + " and was stopped"};
  if (WIFSIGNALED(*status)) return Problem{"'" + program + "' was ended by signal " + std::to_string(WTERMSIG(*status))};
  if (WEXITSTATUS(*status) != 0) return Problem{"'" + program + "' exited with status " + std::to_string(WEXITSTATUS(*status))};
  std::string token = first_line(output);
  if (token.empty()) return Problem{"'" + program + "' printed no token"};
  return token;
}

}  // namespace tdb
