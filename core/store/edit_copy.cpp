#include "store/edit_copy.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.hpp"
#include "util/io.hpp"
#include "util/unique_fd.hpp"

namespace tdb {

namespace {

constexpr std::size_t edit_size_limit = 4 * 1024 * 1024;  // the profiles file's own limit

Failure cannot(const std::string& what, const std::filesystem::path& path) {
  return Failure("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

EditCopy::EditCopy(const std::filesystem::path& profiles_file, const std::string& text) {
  const std::filesystem::path dir = profiles_file.parent_path().empty() ? std::filesystem::path(".") : profiles_file.parent_path();
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Failure("cannot create " + dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
  }
  std::string pattern = (dir / ".edit-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw cannot("create a private folder in", dir);  // mode 0700
  folder_ = pattern;
  file_ = folder_ / profiles_file.filename();
  UniqueFd fd(::open(file_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid() || !write_all(fd.get(), text) || ::fsync(fd.get()) != 0) {
    const auto failure = cannot("write", file_);
    std::filesystem::remove_all(folder_, ec);
    throw failure;
  }
}

EditCopy::~EditCopy() {
  std::error_code ec;
  std::filesystem::remove_all(folder_, ec);
}

std::string EditCopy::read() const {
  // The editor may have replaced the file (vim's backupcopy, many GUI editors): open it anew.
  UniqueFd fd(::open(file_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) throw cannot("read", file_);
  ReadResult result = read_all(fd.get(), edit_size_limit);
  if (result.problem == ReadProblem::too_large)
    throw Failure(file_.string() + " is larger than 4 MiB, the most a profiles file may be; nothing was changed");
  if (result.problem) throw cannot("read", file_);
  return std::move(result.bytes);
}

}  // namespace tdb
