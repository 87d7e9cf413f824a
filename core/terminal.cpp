#include "terminal.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace tdb {

namespace {

// Restores the terminal's echo even when reading is interrupted by an exception.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    active_ = ::tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) ::tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  int fd_;
  termios saved_{};
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
