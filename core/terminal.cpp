#include "terminal.hpp"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <array>

namespace tdb {

namespace {

// The signals that end a program at a prompt: Ctrl-C, Ctrl-\ and a kill from outside.
constexpr std::array<int, 3> ending_signals{SIGINT, SIGQUIT, SIGTERM};

// What a signal handler needs to give the terminal back; set before the handlers are installed.
int saved_fd = -1;
termios saved_termios{};
std::array<struct sigaction, ending_signals.size()> saved_actions{};

// Echo back on, the previous disposition back, and the signal raised again, so that we end the
// way we would have and the shell sees the signal in our exit status. Async-signal-safe only.
extern "C" void restore_and_reraise(int signal) {
  ::tcsetattr(saved_fd, TCSAFLUSH, &saved_termios);
  for (std::size_t i = 0; i < ending_signals.size(); ++i)
    if (ending_signals[i] == signal) ::sigaction(signal, &saved_actions[i], nullptr);
  ::raise(signal);  // delivered when this handler returns
}

// Echo off while it lives; restored when reading ends, by an exception too, or by a signal that
// ends us. Not every shell restores the terminal after a killed program (dash, a script), so a
// Ctrl-C at the prompt must not leave the user typing blind.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_termios) != 0) return;
    saved_fd = fd_;
    catch_ending_signals();
    termios quiet = saved_termios;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    active_ = ::tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) ::tcsetattr(fd_, TCSAFLUSH, &saved_termios);
    // Only now: a signal that comes before the line above still finds the handler.
    for (std::size_t i = 0; i < ending_signals.size(); ++i)
      if (caught_ & (1u << i)) ::sigaction(ending_signals[i], &saved_actions[i], nullptr);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  // A signal that was ignored when we started (nohup, a background job) stays ignored.
  void catch_ending_signals() {
    struct sigaction handler {};
    handler.sa_handler = restore_and_reraise;
    sigemptyset(&handler.sa_mask);
    for (int signal : ending_signals) sigaddset(&handler.sa_mask, signal);
    for (std::size_t i = 0; i < ending_signals.size(); ++i) {
      if (::sigaction(ending_signals[i], nullptr, &saved_actions[i]) != 0 || saved_actions[i].sa_handler == SIG_IGN) continue;
      if (::sigaction(ending_signals[i], &handler, nullptr) == 0) caught_ |= 1u << i;
    }
  }

  int fd_;
  unsigned caught_ = 0;  // bit i: ending_signals[i] has our handler
  bool active_ = false;
};

}  // namespace

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

std::optional<std::string> prompt_hidden(std::string_view question) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
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
