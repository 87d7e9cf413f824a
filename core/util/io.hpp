#pragma once
// The one read-all and write-all loop over a file descriptor (retrying EINTR and short writes),
// for the profiles file, the snapshot and both helpers' pipes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tdb {

enum class ReadProblem { failed, too_large };

// Everything `fd` yields until end of file; nullopt-like problem on an error or past `limit` bytes.
struct ReadResult {
  std::string bytes;
  std::optional<ReadProblem> problem;  // errno says more when it is `failed`
};
ReadResult read_all(int fd, std::size_t limit);

// Writes all of `bytes`; false (errno set) when the descriptor refuses.
bool write_all(int fd, std::string_view bytes);

}  // namespace tdb
