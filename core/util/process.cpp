#include "util/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include "util/unique_fd.hpp"

namespace tdb {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  UniqueFd read_end, write_end;
};

Expected<Pipe, ProcessProblem> make_pipe() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return ProcessProblem{ProcessFailure::broken_pipe, std::strerror(errno)};
  return Pipe{UniqueFd(ends[0]), UniqueFd(ends[1])};
}

// How the child ended, as waitpid() said it.
void record_status(ProcessExit& result, int status) {
  if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  else
    result.status = WEXITSTATUS(status);
}

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

// Whether `pid` has exited, leaving it unreaped so that waitpid still reads its status.
bool has_exited(pid_t pid) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0;
}

// A descriptor that becomes readable when `pid` exits (Linux 5.3+); -1 when there is none.
int exit_descriptor(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

// Our children, live or not yet reaped, from /proc/self/task/*/children (empty without /proc).
std::vector<pid_t> our_children() {
  std::vector<pid_t> children;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    std::ifstream list(task.path() / "children");
    for (pid_t pid = 0; list >> pid;) children.push_back(pid);
  }
  return children;
}

// What a command leaves running must not outlive it: a `sleep 600 &` that holds our pipe or our
// standard error. While the command runs we are a child subreaper, so that its orphaned
// descendants are reparented to us instead of to init; once it has exited (or was killed), we
// kill and reap every child we have that we did not have before. A process group or session of
// its own would let us kill the tree too, but would stop a command that asks on the terminal
// (pass through pinentry-curses, op) with SIGTTIN: the command stays in our process group.
// Spared: a daemon, which made a session of its own to outlive its starter, such as the gpg-agent
// that `pass` starts when none runs (killing it would ask for the passphrase every time).
class ProcessTree {
 public:
  ProcessTree() : before_(our_children()) {
    ::prctl(PR_GET_CHILD_SUBREAPER, &was_subreaper_);
    if (was_subreaper_ == 0) ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  }
  ~ProcessTree() {
    end_all();
    if (was_subreaper_ == 0) ::prctl(PR_SET_CHILD_SUBREAPER, 0);
  }
  ProcessTree(const ProcessTree&) = delete;
  ProcessTree& operator=(const ProcessTree&) = delete;

  // Kills and reaps until none is left; a killed process's own children come to us in turn, so
  // it repeats, a bounded number of times (a process forking as fast as we kill could outrun us).
  void end_all() const {
    const pid_t our_session = ::getsid(0);
    for (int round = 0; round < 100; ++round) {
      std::vector<pid_t> left = our_children();
      std::erase_if(left, [&](pid_t pid) { return std::ranges::find(before_, pid) != before_.end() || ::getsid(pid) != our_session; });
      if (left.empty()) return;
      for (pid_t pid : left) ::kill(pid, SIGKILL);
      for (pid_t pid : left) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
      }
    }
  }

 private:
  std::vector<pid_t> before_;
  int was_subreaper_ = 0;
};

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
  const ProcessTree tree;
  pid_t pid = 0;
  int spawn_error = ::posix_spawnp(&pid, request.argv.front().c_str(), &actions, nullptr, arguments.argv(), arguments.envp());
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) return ProcessProblem{ProcessFailure::cannot_start, std::strerror(spawn_error)};
  out.write_end.close();
  in.read_end.close();

  // Feed the input and drain the output together, so that neither side waits on a full pipe,
  // until the child has exited: what it left running may hold the pipe open for much longer.
  const IgnoreBrokenPipes ignore_broken_pipes;
  std::string_view pending = request.input ? std::string_view(*request.input) : std::string_view();
  if (in.write_end.get() >= 0) ::fcntl(in.write_end.get(), F_SETFL, O_NONBLOCK);
  if (pending.empty()) in.write_end.close();
  const UniqueFd exited(exit_descriptor(pid));
  ProcessExit result;
  const auto deadline = Clock::now() + request.timeout;
  while (!has_exited(pid)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill_and_reap(pid);
      return ProcessProblem{ProcessFailure::timed_out, ""};
    }
    // Without an exit descriptor, look every 10 ms; poll skips the descriptors that are -1.
    pollfd ready[3] = {{out.read_end.get(), POLLIN, 0}, {in.write_end.get(), POLLOUT, 0}, {exited.get(), POLLIN, 0}};
    int polled = ::poll(ready, 3, static_cast<int>(std::min<long long>(left, exited.get() >= 0 ? 1000 : 10)));
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
    if (out.read_end.get() < 0 || ready[0].revents == 0) continue;
    char buffer[8192];
    ssize_t n = ::read(out.read_end.get(), buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      out.read_end.close();  // closed, but the child may still be running
      continue;
    }
    result.output.append(buffer, static_cast<std::size_t>(n));
    if (result.output.size() > request.max_output) {
      kill_and_reap(pid);
      return ProcessProblem{ProcessFailure::too_much_output, ""};
    }
  }
  in.write_end.close();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  // Everything the child wrote is in the pipe now; take it once nothing else can write.
  tree.end_all();
  if (out.read_end.get() >= 0) ::fcntl(out.read_end.get(), F_SETFL, O_NONBLOCK);
  for (char buffer[8192]; out.read_end.get() >= 0;) {
    ssize_t n = ::read(out.read_end.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buffer, static_cast<std::size_t>(n));
    if (result.output.size() > request.max_output) return ProcessProblem{ProcessFailure::too_much_output, ""};
  }
  record_status(result, status);
  return result;
}

Expected<ProcessExit, ProcessProblem> run_attached(const std::vector<std::string>& argv, const Environment& env) {
  if (argv.empty()) return ProcessProblem{ProcessFailure::cannot_start, "no command"};
  SpawnArguments arguments(argv, env);
  pid_t pid = 0;
  int spawn_error = ::posix_spawnp(&pid, argv.front().c_str(), nullptr, nullptr, arguments.argv(), arguments.envp());
  if (spawn_error != 0) return ProcessProblem{ProcessFailure::cannot_start, std::strerror(spawn_error)};
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ProcessExit result;
  record_status(result, status);
  return result;
}

}  // namespace tdb
