#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace tdb {

namespace {

using Clock = std::chrono::steady_clock;

// A file descriptor closed when it goes out of scope.
class Descriptor {
 public:
  Descriptor() = default;
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(Descriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Descriptor& operator=(Descriptor&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Descriptor() { close(); }
  int get() const { return fd_; }
  void close() {
    if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Descriptor read_end, write_end;
};

Expected<Pipe, ProcessProblem> make_pipe() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return ProcessProblem{ProcessFailure::broken_pipe, std::strerror(errno)};
  return Pipe{Descriptor(ends[0]), Descriptor(ends[1])};
}

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
    ::usleep(1000);
  }
}

// NAME=value strings and the pointer arrays posix_spawn wants, alive as long as this is.
class SpawnArguments {
 public:
  SpawnArguments(const std::vector<std::string>& argv, const Environment& env) {
    for (const auto& [name, value] : env.all()) entries_.push_back(name + "=" + value);
    for (auto& entry : entries_) envp_.push_back(entry.data());
    envp_.push_back(nullptr);
    for (const auto& word : argv) args_.push_back(const_cast<char*>(word.c_str()));
    args_.push_back(nullptr);
  }
  char* const* argv() const { return args_.data(); }
  char* const* envp() const { return envp_.data(); }

 private:
  std::vector<std::string> entries_;
  std::vector<char*> envp_, args_;
};

// SIGPIPE ignored while it lives: a child that exits without reading its input must not end us.
class IgnoreBrokenPipes {
 public:
  IgnoreBrokenPipes() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~IgnoreBrokenPipes() { ::sigaction(SIGPIPE, &previous_, nullptr); }
  IgnoreBrokenPipes(const IgnoreBrokenPipes&) = delete;
  IgnoreBrokenPipes& operator=(const IgnoreBrokenPipes&) = delete;

 private:
  struct sigaction previous_ {};
};

}  // namespace

Expected<ProcessExit, ProcessProblem> run_process(const ProcessRequest& request, const Environment& env) {
  if (request.argv.empty() || request.argv.front().empty()) return ProcessProblem{ProcessFailure::cannot_start, "no program named"};
  auto output_pipe = make_pipe();
  if (!output_pipe) return output_pipe.error();
  Pipe out = std::move(output_pipe).value();
  Pipe in;
  if (request.input) {
    auto input_pipe = make_pipe();
    if (!input_pipe) return input_pipe.error();
    in = std::move(input_pipe).value();
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (request.input)
    posix_spawn_file_actions_adddup2(&actions, in.read_end.get(), STDIN_FILENO);
  else
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end.get(), STDOUT_FILENO);
  const SpawnArguments arguments(request.argv, env);
  pid_t pid = 0;
  int spawn_error = ::posix_spawnp(&pid, request.argv.front().c_str(), &actions, nullptr, arguments.argv(), arguments.envp());
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) return ProcessProblem{ProcessFailure::cannot_start, std::strerror(spawn_error)};
  out.write_end.close();
  in.read_end.close();

  // Feed the input and drain the output together, so that neither side waits on a full pipe.
  const IgnoreBrokenPipes ignore_broken_pipes;
  std::string_view pending = request.input ? std::string_view(*request.input) : std::string_view();
  if (in.write_end.get() >= 0) ::fcntl(in.write_end.get(), F_SETFL, O_NONBLOCK);
  if (pending.empty()) in.write_end.close();
  ProcessExit result;
  const auto deadline = Clock::now() + request.timeout;
  while (out.read_end.get() >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill_and_reap(pid);
      return ProcessProblem{ProcessFailure::timed_out, ""};
    }
    pollfd ready[2] = {{out.read_end.get(), POLLIN, 0}, {in.write_end.get(), POLLOUT, 0}};
    int polled = ::poll(ready, in.write_end.get() >= 0 ? 2 : 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (polled < 0 && errno != EINTR) {
      const std::string reason = std::strerror(errno);
      kill_and_reap(pid);
      return ProcessProblem{ProcessFailure::broken_pipe, reason};
    }
    if (polled <= 0) continue;
    if (in.write_end.get() >= 0 && ready[1].revents != 0) {
      ssize_t written = ::write(in.write_end.get(), pending.data(), pending.size());
      if (written > 0) pending.remove_prefix(static_cast<std::size_t>(written));
      // A child that stops reading (EPIPE) simply gets no more input.
      if (pending.empty() || (written < 0 && errno != EAGAIN && errno != EINTR)) in.write_end.close();
    }
    if (ready[0].revents == 0) continue;
    char buffer[8192];
    ssize_t n = ::read(out.read_end.get(), buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) break;
    result.output.append(buffer, static_cast<std::size_t>(n));
    if (result.output.size() > request.max_output) {
      kill_and_reap(pid);
      return ProcessProblem{ProcessFailure::too_much_output, ""};
    }
  }
  in.write_end.close();
  // Its standard output is closed, but it may still be running.
  auto status = reap_before(pid, deadline);
  if (!status) return ProcessProblem{ProcessFailure::timed_out, ""};
  if (WIFSIGNALED(*status))
    result.signal = WTERMSIG(*status);
  else
    result.status = WEXITSTATUS(*status);
  return result;
}

}  // namespace tdb
