#include "store/snapshot_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>

#include "util/io.hpp"
#include "util/unique_fd.hpp"

namespace tdb {

namespace fs = std::filesystem;

namespace {

// Snapshots of the largest profiles files (4 MiB) stay well below this; anything larger is not ours.
constexpr std::uintmax_t max_snapshot_bytes = 16 * 1024 * 1024;

std::string hex_of_path(const fs::path& path) {
  std::uint64_t sum = 14695981039346656037ULL;  // FNV-1a: a name, not a secret
  for (unsigned char c : path.string()) sum = (sum ^ c) * 1099511628211ULL;
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, sum >>= 4) hex[static_cast<std::size_t>(i)] = digits[sum & 0xF];
  return hex;
}

// Why a file or folder described by `info` is not this user's alone; empty when it is.
std::string not_private(const struct stat& info) {
  if (info.st_uid != ::geteuid()) return "it is owned by user " + std::to_string(info.st_uid) + ", not by you";
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) return "others may read or change it";
  return {};
}

bool owned_by_me(const fs::path& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid();
}

// The folder, opened without following a link; invalid when it is missing or a link.
UniqueFd open_folder(const fs::path& folder) { return UniqueFd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)); }

// Creates the folder (0700) below a parent that belongs to this user, so that root running with
// another user's HOME leaves that user's folders alone.
void make_folder(const fs::path& folder) {
  fs::path base = folder.parent_path();
  if (!owned_by_me(base)) {
    if (!owned_by_me(base.parent_path()) || ::mkdir(base.c_str(), 0700) != 0) return;
  }
  ::mkdir(folder.c_str(), 0700);
}

// The folder when it is this user's alone, else invalid.
UniqueFd open_private_folder(const fs::path& folder) {
  UniqueFd fd = open_folder(folder);
  struct stat info {};
  if (!fd.valid() || ::fstat(fd.get(), &info) != 0 || !not_private(info).empty()) return {};
  return fd;
}

// Holds flock(2) on the folder itself: shared while a reader writes a snapshot, exclusive while
// a writer drops it.
class FolderLock {
 public:
  // Tries for up to `patience`: a reader stopped while it writes (Ctrl-Z) must not hang a writer.
  FolderLock(int fd, int operation, std::chrono::milliseconds patience = {}) : fd_(fd) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (;;) {
      held_ = ::flock(fd_, operation | LOCK_NB) == 0;
      if (held_ || (errno != EWOULDBLOCK && errno != EINTR) || std::chrono::steady_clock::now() >= deadline) return;
      ::usleep(10000);
    }
  }
  ~FolderLock() {
    if (held_) ::flock(fd_, LOCK_UN);
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  bool held() const { return held_; }

 private:
  int fd_;
  bool held_ = false;
};

std::string temporary_prefix(const std::string& name) { return "." + name + "."; }

std::optional<std::string> random_suffix() {
  unsigned char bytes[6];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) return std::nullopt;
  static constexpr char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string suffix;
  for (unsigned char b : bytes) suffix += letters[b % (sizeof letters - 1)];
  return suffix;
}

void remove_temporaries(int folder_fd, const std::string& name) {
  int listing = ::dup(folder_fd);
  if (listing < 0) return;
  DIR* dir = ::fdopendir(listing);
  if (!dir) {
    ::close(listing);
    return;
  }
  const std::string prefix = temporary_prefix(name);
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view entry_name(entry->d_name);
    if (entry_name.size() == prefix.size() + 6 && entry_name.starts_with(prefix)) ::unlinkat(folder_fd, entry->d_name, 0);
  }
  ::closedir(dir);
}

}  // namespace

fs::path locate_snapshot_folder(const Environment& env) {
  for (const char* variable : {"XDG_RUNTIME_DIR", "XDG_CACHE_HOME"}) {
    if (auto base = env.get(variable); base && fs::path(*base).is_absolute()) return fs::path(*base) / "triplydb";
  }
  if (auto home = env.get("HOME"); home && fs::path(*home).is_absolute()) return fs::path(*home) / ".cache" / "triplydb";
  return {};
}

SnapshotFile::SnapshotFile(fs::path folder, const fs::path& profiles_file) : folder_(std::move(folder)) {
  std::error_code ec;
  fs::path absolute = fs::absolute(profiles_file, ec).lexically_normal();
  name_ = "profiles-" + hex_of_path(ec ? profiles_file : absolute) + ".snapshot";
}

fs::path SnapshotFile::path() const { return folder_.empty() ? fs::path() : folder_ / name_; }

std::shared_ptr<const std::string_view> SnapshotFile::map(const Warn& warn) const {
  if (folder_.empty()) return nullptr;
  UniqueFd folder = open_folder(folder_);
  struct stat info {};
  if (!folder.valid() || ::fstat(folder.get(), &info) != 0) return nullptr;
  if (std::string problem = not_private(info); !problem.empty()) {
    struct stat planted {};
    if (::fstatat(folder.get(), name_.c_str(), &planted, AT_SYMLINK_NOFOLLOW) == 0)
      warn("ignored the snapshot " + path().string() + ": its folder is not yours alone (" + problem + ")");
    return nullptr;
  }
  UniqueFd fd(::openat(folder.get(), name_.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ELOOP) warn("ignored the snapshot " + path().string() + ": it is a symbolic link");
    return nullptr;
  }
  if (::fstat(fd.get(), &info) != 0) return nullptr;
  std::string problem = !S_ISREG(info.st_mode) ? "it is not a regular file" : not_private(info);
  if (!problem.empty()) {
    warn("ignored the snapshot " + path().string() + ": " + problem);
    return nullptr;
  }
  if (info.st_size <= 0 || static_cast<std::uintmax_t>(info.st_size) > max_snapshot_bytes) return nullptr;
  auto size = static_cast<std::size_t>(info.st_size);
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (address == MAP_FAILED) return nullptr;
  auto unmap = [](const std::string_view* bytes) {
    ::munmap(const_cast<char*>(bytes->data()), bytes->size());
    delete bytes;
  };
  return std::shared_ptr<const std::string_view>(new std::string_view(static_cast<const char*>(address), size), unmap);
}

void SnapshotFile::write(std::string_view bytes, const std::function<bool()>& still_current) const {
  if (folder_.empty()) return;
  make_folder(folder_);
  UniqueFd folder = open_private_folder(folder_);
  if (!folder.valid()) return;
  FolderLock lock(folder.get(), LOCK_SH);
  if (!lock.held() || !still_current()) return;
  auto suffix = random_suffix();
  if (!suffix) return;
  const std::string temporary = temporary_prefix(name_) + *suffix;
  UniqueFd fd(::openat(folder.get(), temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd.valid()) return;
  bool written = write_all(fd.get(), bytes) && ::fsync(fd.get()) == 0;
  fd.close();
  if (!written || ::renameat(folder.get(), temporary.c_str(), folder.get(), name_.c_str()) != 0)
    ::unlinkat(folder.get(), temporary.c_str(), 0);
}

void SnapshotFile::drop() const {
  if (folder_.empty()) return;
  UniqueFd folder = open_folder(folder_);
  if (!folder.valid()) return;
  // Removed even when a stopped reader still holds the lock after two seconds.
  const FolderLock lock(folder.get(), LOCK_EX, std::chrono::seconds(2));
  ::unlinkat(folder.get(), name_.c_str(), 0);
  remove_temporaries(folder.get(), name_);
}

}  // namespace tdb
