#include "util/io.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tdb {

ReadResult read_all(int fd, std::size_t limit) {
  ReadResult result;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result.problem = ReadProblem::failed;
      return result;
    }
    if (n == 0) return result;
    result.bytes.append(buffer, static_cast<std::size_t>(n));
    explicit_bzero(buffer, static_cast<std::size_t>(n));  // what is read may be a token
    if (result.bytes.size() > limit) {
      result.problem = ReadProblem::too_large;
      return result;
    }
  }
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace tdb
