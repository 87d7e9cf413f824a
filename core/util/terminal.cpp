#include "util/terminal.hpp"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace tdb {

namespace {

// The signals that take a program away from its prompt: Ctrl-C, Ctrl-\, a kill from outside and
// Ctrl-Z; all but the last end it.
constexpr std::array<int, 4> prompt_signals{SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

// What a signal handler needs to give the terminal back; set before the handlers are installed.
int saved_fd = -1;
termios saved_termios{};
std::array<struct sigaction, prompt_signals.size()> saved_actions{};
struct sigaction stop_action {};

struct sigaction& saved_action(int signal) {
  std::size_t i = 0;
  while (i + 1 < prompt_signals.size() && prompt_signals[i] != signal) ++i;
  return saved_actions[i];
}

// Echo back on, the previous disposition back, and the signal raised again, so that we end the
// way we would have and the shell sees the signal in our exit status. Async-signal-safe only;
// TCSAFLUSH also drops what was typed of the token, which the shell would read next.
extern "C" void restore_and_reraise(int signal) {
  ::tcsetattr(saved_fd, TCSAFLUSH, &saved_termios);
  ::sigaction(signal, &saved_action(signal), nullptr);
  ::raise(signal);  // delivered when this handler returns
}

// Ctrl-Z: echo on while we are stopped, and off again when we are continued (from the
// background, tcsetattr stops us with SIGTTOU until we are in the foreground). Before, a shell
// that restores its terminal on a stop (bash) gave it back to `fg` with echo on.
extern "C" void restore_and_stop(int signal) {
  const int saved_errno = errno;
  termios quiet{};
  ::tcgetattr(saved_fd, &quiet);
  ::tcsetattr(saved_fd, TCSAFLUSH, &saved_termios);
  ::sigaction(signal, &saved_action(signal), nullptr);
  ::raise(signal);
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, signal);
  ::sigprocmask(SIG_UNBLOCK, &stop, nullptr);  // stopped here until continued
  ::sigaction(signal, &stop_action, nullptr);
  ::tcsetattr(saved_fd, TCSAFLUSH, &quiet);
  errno = saved_errno;
}

// Echo off while it lives; restored when reading ends, by an exception too, by a signal that
// ends us, and while Ctrl-Z stops us. Not every shell restores the terminal after a killed
// program (dash, a script), so a Ctrl-C at the prompt must not leave the user typing blind.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_termios) != 0) return;
    saved_fd = fd_;
    catch_prompt_signals();
    termios quiet = saved_termios;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    active_ = ::tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) ::tcsetattr(fd_, TCSAFLUSH, &saved_termios);
    // Only now: a signal that comes before the line above still finds the handler.
    for (std::size_t i = 0; i < prompt_signals.size(); ++i)
      if (caught_ & (1u << i)) ::sigaction(prompt_signals[i], &saved_actions[i], nullptr);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  // A signal that was ignored when we started (nohup, a background job) stays ignored.
  void catch_prompt_signals() {
    struct sigaction handler {};
    handler.sa_handler = restore_and_reraise;
    handler.sa_flags = SA_RESTART;  // a read interrupted by a stop goes on after `fg`
    sigemptyset(&handler.sa_mask);
    for (int signal : prompt_signals) sigaddset(&handler.sa_mask, signal);
    stop_action = handler;
    stop_action.sa_handler = restore_and_stop;
    for (std::size_t i = 0; i < prompt_signals.size(); ++i) {
      if (::sigaction(prompt_signals[i], nullptr, &saved_actions[i]) != 0 || saved_actions[i].sa_handler == SIG_IGN) continue;
      if (::sigaction(prompt_signals[i], prompt_signals[i] == SIGTSTP ? &stop_action : &handler, nullptr) == 0) caught_ |= 1u << i;
    }
  }

  int fd_;
  unsigned caught_ = 0;  // bit i: prompt_signals[i] has our handler
  bool active_ = false;
};

bool ignored_or_blocked(int signal) {
  struct sigaction action {};
  sigset_t blocked;
  sigemptyset(&blocked);
  ::sigaction(signal, nullptr, &action);
  ::sigprocmask(SIG_BLOCK, nullptr, &blocked);
  return action.sa_handler == SIG_IGN || sigismember(&blocked, signal) == 1;
}

// A foreground group with no process left, which nobody will move on from: nushell leaves one
// behind when it starts a program just as the previous one is reaped (the new one stays in the
// shell's group, the terminal with the old, empty group until the new one ends).
bool is_empty_group(pid_t group) { return group > 0 && ::kill(-group, 0) != 0 && errno == ESRCH; }

}  // namespace

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

bool owns_terminal(int fd) {
  const pid_t owner = ::tcgetpgrp(fd);
  return owner < 0 || owner == ::getpgrp();
}

void wait_for_terminal(int fd) {
  // With SIGTTIN at its default, a read from the background stops us until the shell hands the
  // terminal over (`fg`); only where it is ignored does the read fail, and is it worth waiting.
  if (!ignored_or_blocked(SIGTTIN)) return;
  constexpr int tries = 200;
  const timespec pause{0, 10'000'000};  // 10 ms
  for (int i = 0; i < tries; ++i) {
    if (owns_terminal(fd)) return;
    // Taking the terminal from nobody is safe; with SIGTTOU ignored it does not stop us.
    if (is_empty_group(::tcgetpgrp(fd)) && ignored_or_blocked(SIGTTOU) && ::tcsetpgrp(fd, ::getpgrp()) == 0) return;
    ::nanosleep(&pause, nullptr);
  }
}

std::optional<std::string> prompt_hidden(std::string_view question) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  wait_for_terminal(fd);
  std::optional<std::string> answer;
  {
    EchoOff echo_off(fd);
    if (::write(fd, question.data(), question.size()) >= 0) {
      std::string line;
      char c = 0;
      ssize_t n = 0;
      while ((n = ::read(fd, &c, 1)) == 1 && c != '\n') line += c;
      if (n == 1 || !line.empty()) answer = line;
    }
  }
  ::close(fd);
  return answer;
}

}  // namespace tdb
