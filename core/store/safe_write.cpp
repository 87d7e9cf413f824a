#include "store/safe_write.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.hpp"
#include "util/io.hpp"

namespace tdb {

namespace fs = std::filesystem;

std::string system_error(const std::string& what, const fs::path& path) { return what + " " + path.string() + ": " + std::strerror(errno); }

fs::path resolve_links(fs::path path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
    fs::path target = fs::read_symlink(path, ec);
    if (ec) throw Failure("cannot follow the link " + path.string() + ": " + ec.message());
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  throw Failure("too many levels of symbolic links at " + path.string());
}

void remove_abandoned_temporaries(const fs::path& target) {
  std::string prefix = "." + target.filename().string() + ".";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0 && entry.is_regular_file(ec))
      fs::remove(entry.path(), ec);
  }
}

void make_private_directories(const fs::path& dir, const std::optional<Ownership>& owner) {
  if (dir.empty() || fs::exists(dir)) return;
  make_private_directories(dir.parent_path(), owner);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) throw Failure(system_error("cannot create the folder", dir));
  if (UniqueFd folder(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)); owner && folder.valid())
    owner->give(folder.get());
}

std::optional<Ownership> Ownership::of(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return Ownership{info.st_uid, info.st_gid, static_cast<mode_t>(info.st_mode & 07777)};
}

std::optional<Ownership> Ownership::heir_of(fs::path dir) {
  if (::geteuid() != 0) return std::nullopt;
  struct stat info {};
  while (::stat(dir.c_str(), &info) != 0 && dir.has_relative_path()) dir = dir.parent_path();
  if (!S_ISDIR(info.st_mode) || info.st_uid == 0) return std::nullopt;
  return Ownership{info.st_uid, info.st_gid, 0600};
}

std::optional<Ownership> Ownership::for_writing(const fs::path& target) {
  return fs::exists(target) ? of(target) : heir_of(target.parent_path().empty() ? fs::path(".") : target.parent_path());
}

void Ownership::give(int fd) const {
  if (::geteuid() == 0 && ::fchown(fd, uid, gid) != 0) {
    // keeps root's: the file still works, and the permission check names the owner
  }
}

WriterLock::WriterLock(const fs::path& file, const std::optional<Ownership>& owner) {
  const fs::path path = file.string() + ".lock";
  fd_ = UniqueFd(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600));
  if (!fd_.valid()) {
    // ELOOP; or EACCES where the kernel protects links in sticky folders (fs.protected_symlinks).
    struct stat link {};
    if (errno == ELOOP || (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)))
      throw Failure("the lock file " + path.string() + " is a symbolic link; remove it and try again");
    throw Failure(system_error("cannot create the lock file", path));
  }
  struct stat info {};
  if (::fstat(fd_.get(), &info) != 0 || !S_ISREG(info.st_mode))
    throw Failure("the lock file " + path.string() + " is not a regular file; remove it and try again");
  if (owner && info.st_uid == ::geteuid()) owner->give(fd_.get());
  while (::flock(fd_.get(), LOCK_EX) != 0) {
    if (errno != EINTR) throw Failure(system_error("cannot lock", path));
  }
}

AtomicFile::AtomicFile(const fs::path& target, const std::optional<Ownership>& owner) : target_(target) {
  std::string pattern = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  fd_ = UniqueFd(::mkostemp(pattern.data(), O_CLOEXEC));
  if (!fd_.valid()) throw Failure(system_error("cannot create a temporary file beside", target));
  temporary_ = pattern;
  if (owner) owner->give(fd_.get());  // before the mode: a change of owner clears set-id bits
  if (::fchmod(fd_.get(), owner ? owner->mode : 0600) != 0) {
    ::unlink(temporary_.c_str());
    throw Failure(system_error("cannot set the mode of", temporary_));
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) ::unlink(temporary_.c_str());
}

void AtomicFile::write(std::string_view text) {
  if (!write_all(fd_.get(), text)) throw Failure(system_error("cannot write", temporary_));
}

void AtomicFile::commit() {
  if (::fsync(fd_.get()) != 0) throw Failure(system_error("cannot flush", temporary_));
  fd_.close();
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) throw Failure(system_error("cannot replace", target_));
  committed_ = true;
  UniqueFd dir(::open(target_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.valid()) ::fsync(dir.get());  // makes the rename itself durable
}

}  // namespace tdb
