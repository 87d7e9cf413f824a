#include "store/profile_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "shell/shell_words.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/io.hpp"
#include "util/unique_fd.hpp"

namespace tdb {

namespace fs = std::filesystem;

namespace {

std::string system_error(const std::string& what, const fs::path& path) { return what + " " + path.string() + ": " + std::strerror(errno); }

// Everything `fd` holds, up to the size limit.
std::string read_all_of(int fd, const fs::path& path) {
  ReadResult read = read_all(fd, max_profiles_file_bytes);
  if (read.problem == ReadProblem::failed) throw Failure(system_error("cannot read", path));
  if (read.problem == ReadProblem::too_large) throw Failure(path.string() + " grew beyond 4 MiB while being read");
  return std::move(read.bytes);
}

Failure not_a_regular_file(const fs::path& path, const struct stat& info) {
  std::string kind = S_ISFIFO(info.st_mode)                           ? "a FIFO"
                     : S_ISSOCK(info.st_mode)                         ? "a socket"
                     : S_ISDIR(info.st_mode)                          ? "a folder"
                     : S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode) ? "a device"
                                                                      : "not a regular file";
  return Failure(path.string() + " is " + kind + ", not a profiles file; remove it or point TRIPLYDB_PROFILES elsewhere");
}

struct FileText {
  std::string text;                      // "" when the file does not exist
  std::optional<FileIdentity> identity;  // of the version read; nullopt when it changed meanwhile
};

// Reads the whole file. Refuses anything larger than the limit.
FileText read_file(const fs::path& path) {
  // O_NONBLOCK: a FIFO planted at the path must not hang the command (nor every new shell in init).
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return {};
    struct stat info {};
    if (errno == ENXIO && ::stat(path.c_str(), &info) == 0) throw not_a_regular_file(path, info);
    throw Failure(system_error("cannot read", path));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw Failure(system_error("cannot read", path));
  if (!S_ISREG(info.st_mode)) throw not_a_regular_file(path, info);
  if (static_cast<std::uintmax_t>(info.st_size) > max_profiles_file_bytes)
    throw Failure(path.string() + " is " + std::to_string(info.st_size) + " bytes; a profiles file may be at most 4 MiB");
  FileText result{read_all_of(fd.get(), path), identity_of(info)};
  struct stat after {};
  if (::fstat(fd.get(), &after) != 0 || !(identity_of(after) == *result.identity)) result.identity.reset();
  return result;
}

std::string read_text(const fs::path& path) { return read_file(path).text; }

std::string located_in(const fs::path& path, const FileProblem& problem) {
  std::string where = path.string();
  if (problem.line > 0) where += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
  return where + ": " + problem.message;
}

ProfileDocument parse_or_throw(const fs::path& path, const std::string& text) {
  auto document = ProfileDocument::parse(text);
  if (document) return std::move(document).value();
  throw Failure(located_in(path, document.error()));
}

// Writes go to the file a symlink points at, so the link itself stays.
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

// What group and others may do, in words: "readable", "writable" or both.
std::string access_by_others(mode_t mode) {
  bool readable = (mode & (S_IRGRP | S_IROTH)) != 0;
  bool writable = (mode & (S_IWGRP | S_IWOTH)) != 0;
  if (readable && writable) return "is readable and writable by others";
  if (readable) return "is readable by others";
  if (writable) return "is writable by others";
  return {};
}

// A writer killed between creating its temporary file and the rename leaves the file behind; the
// next writer, holding the lock, knows that no one else owns it.
void remove_abandoned_temporaries(const fs::path& target) {
  std::string prefix = "." + target.filename().string() + ".";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0 && entry.is_regular_file(ec))
      fs::remove(entry.path(), ec);
  }
}

// Earlier versions kept the snapshot beside the file as `<file>.cache`, where others may
// be able to write. It is never read now; a writer removes it, since it may hold a removed token.
void drop_snapshot_of_older_versions(const fs::path& target) {
  const fs::path beside = target.string() + ".cache";
  ::unlink(beside.c_str());
  remove_abandoned_temporaries(beside);
}

// Creates missing folders with mode 0700: they will hold tokens.
// The owner, group and mode of the file a writer replaces, for what it creates beside it.
struct Ownership {
  uid_t uid;
  gid_t gid;
  mode_t mode;

  static std::optional<Ownership> of(const fs::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
    return Ownership{info.st_uid, info.st_gid, static_cast<mode_t>(info.st_mode & 07777)};
  }
  // Root making a file that does not exist yet in a user's folder (sudo with that user's HOME):
  // what it creates belongs to the owner of the nearest folder that exists, as if they had made it.
  static std::optional<Ownership> heir_of(fs::path dir) {
    if (::geteuid() != 0) return std::nullopt;
    struct stat info {};
    while (::stat(dir.c_str(), &info) != 0 && dir.has_relative_path()) dir = dir.parent_path();
    if (!S_ISDIR(info.st_mode) || info.st_uid == 0) return std::nullopt;
    return Ownership{info.st_uid, info.st_gid, 0600};
  }
  // Only root can give a file away; anyone else keeps what they create, which is then theirs.
  void give(int fd) const {
    if (::geteuid() == 0 && ::fchown(fd, uid, gid) != 0) {
      // keeps root's: the file still works, and the permission check names the owner
    }
  }
};

void make_private_directories(const fs::path& dir, const std::optional<Ownership>& owner) {
  if (dir.empty() || fs::exists(dir)) return;
  make_private_directories(dir.parent_path(), owner);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) throw Failure(system_error("cannot create the folder", dir));
  if (UniqueFd folder(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)); owner && folder.valid())
    owner->give(folder.get());
}

// Holds an exclusive flock on `<file>.lock` for its lifetime. The lock file is never removed,
// so that every writer locks the same inode. It is opened without following a link (one planted
// in a shared folder would make us create or lock a file elsewhere) and must be a regular file.
class WriterLock {
 public:
  WriterLock(const fs::path& file, const std::optional<Ownership>& owner) {
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

 private:
  UniqueFd fd_;
};

// A temporary file beside the target that replaces it on commit() and is removed otherwise. It
// takes the owner, group and mode of the file it replaces, so that root rewriting a user's file
// (sudo -E) leaves it theirs.
class AtomicFile {
 public:
  AtomicFile(const fs::path& target, const std::optional<Ownership>& owner) : target_(target) {
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
  ~AtomicFile() {
    if (!committed_) ::unlink(temporary_.c_str());
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text) {
    if (!write_all(fd_.get(), text)) throw Failure(system_error("cannot write", temporary_));
  }

  void commit() {
    if (::fsync(fd_.get()) != 0) throw Failure(system_error("cannot flush", temporary_));
    fd_.close();
    if (::rename(temporary_.c_str(), target_.c_str()) != 0) throw Failure(system_error("cannot replace", target_));
    committed_ = true;
    UniqueFd dir(::open(target_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.valid()) ::fsync(dir.get());  // makes the rename itself durable
  }

 private:
  fs::path target_;
  fs::path temporary_;
  UniqueFd fd_;
  bool committed_ = false;
};

// A file changed within this window may change again without its timestamps moving (they
// advance in clock ticks, not nanoseconds), so a snapshot of it could later look current.
constexpr std::int64_t settle_seconds = 2;

bool has_settled(const FileIdentity& identity, std::chrono::system_clock::time_point now) {
  auto now_seconds = epoch_seconds(now);
  return std::max(identity.modified_seconds, identity.changed_seconds) + settle_seconds < now_seconds;
}

}  // namespace

FileIdentity identity_of(const struct stat& info) {
  return {static_cast<std::uint64_t>(info.st_dev),
          static_cast<std::uint64_t>(info.st_ino),
          static_cast<std::uint64_t>(info.st_size),
          info.st_mtim.tv_sec,
          info.st_mtim.tv_nsec,
          info.st_ctim.tv_sec,
          info.st_ctim.tv_nsec};
}

fs::path locate_profiles_file(const Environment& env) {
  if (auto explicit_path = env.get("TRIPLYDB_PROFILES"); explicit_path && !explicit_path->empty()) {
    // A relative path would name another file in every folder the shell visits.
    if (!fs::path(*explicit_path).is_absolute())
      throw Failure("TRIPLYDB_PROFILES is '" + *explicit_path +
                    "', a relative path, which names a different file in each folder; set it to an absolute path");
    return *explicit_path;
  }
  // The XDG rules: a relative XDG_CONFIG_HOME is ignored.
  if (auto config = env.get("XDG_CONFIG_HOME"); config && fs::path(*config).is_absolute())
    return fs::path(*config) / "triplydb" / "profiles.yaml";
  auto home = env.get("HOME");
  if (!home || home->empty()) throw Failure("cannot find the profiles file: set HOME, XDG_CONFIG_HOME or TRIPLYDB_PROFILES");
  return fs::path(*home) / ".config" / "triplydb" / "profiles.yaml";
}

namespace {

// Root using a user's file in that user's folder (sudo with their HOME): the file is theirs, and
// giving it to root would lock them out.
bool users_own_file_for_root(const fs::path& file, const struct stat& info) {
  struct stat folder {};
  const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  return ::geteuid() == 0 && ::stat(dir.c_str(), &folder) == 0 && folder.st_uid == info.st_uid;
}

}  // namespace

std::vector<PermissionFinding> check_permissions(const fs::path& file) {
  std::vector<PermissionFinding> findings;
  fs::path target = resolve_links(file).lexically_normal();
  struct stat info {};
  // Something else at the path is reported by whatever reads it, as what it is.
  if (::stat(target.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return findings;
  if (info.st_uid != ::geteuid() && !users_own_file_for_root(target, info)) {
    // Only root can give a file back: a user needs sudo for it.
    const std::string user = std::to_string(::geteuid());
    findings.push_back({target, "is owned by user " + std::to_string(info.st_uid) + ", not by you",
                        (::geteuid() == 0 ? "chown " : "sudo chown ") + user + " " + shell_word(target.string())});
  }
  if (auto access = access_by_others(info.st_mode); !access.empty())
    findings.push_back({target, access, "chmod 600 " + shell_word(target.string())});

  if (const fs::path beside = target.string() + ".cache"; ::lstat(beside.c_str(), &info) == 0)
    findings.push_back({beside, "is a snapshot that this version never reads (owned by user " + std::to_string(info.st_uid) + ")",
                        "rm " + shell_word(beside.string())});

  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (::stat(dir.c_str(), &info) != 0) return findings;
  // A folder that belongs to someone else and that only they can change is theirs to keep open.
  if (info.st_uid != ::geteuid() && (info.st_mode & (S_IWGRP | S_IWOTH)) == 0) return findings;
  if (auto access = access_by_others(info.st_mode); !access.empty())
    findings.push_back({dir, access, "chmod 700 " + shell_word(dir.string())});
  return findings;
}

std::string ProfileStore::text() const { return read_text(file_); }

std::string ProfileStore::located(const FileProblem& problem) const { return located_in(file_, problem); }

ProfileDocument ProfileStore::load() const { return parse_or_throw(file_, read_text(file_)); }

ProfileReader ProfileStore::read(std::chrono::system_clock::time_point now) const {
  struct stat info {};
  if (::stat(file_.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
    if (auto bytes = snapshot_.map(warn_)) {
      if (auto view = SnapshotView::open(*bytes, identity_of(info)))
        return ProfileReader(bytes, *view, [store = *this, now] { return store.parse_and_snapshot(now); });
    }
  }
  return ProfileReader(parse_and_snapshot(now));
}

ProfileSet ProfileStore::parse_and_snapshot(std::chrono::system_clock::time_point now) const {
  FileText file = read_file(file_);
  ProfileSet set = parse_or_throw(file_, file.text).profiles();
  if (file.identity && has_settled(*file.identity, now)) {
    auto still_current = [&] {
      struct stat info {};
      return ::stat(file_.c_str(), &info) == 0 && identity_of(info) == *file.identity;
    };
    snapshot_.write(encode_snapshot(*file.identity, set), still_current);
  }
  return set;
}

void ProfileStore::rewrite(const std::function<std::string(const std::string&)>& next_text) const {
  fs::path target = resolve_links(file_);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const auto heir = Ownership::heir_of(dir);
  make_private_directories(dir, heir);
  target = dir / target.filename();
  // Before the lock file is made: /dev/zero behind a link must not get a /dev/zero.lock.
  if (struct stat info{}; ::stat(target.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) throw not_a_regular_file(target, info);
  const auto ownership = fs::exists(target) ? Ownership::of(target) : heir;
  WriterLock lock(target, ownership);
  remove_abandoned_temporaries(target);
  const std::string text = next_text(read_text(target));
  AtomicFile file(target, ownership);
  file.write(text);
  file.commit();
  snapshot_.drop();
  drop_snapshot_of_older_versions(target);
}

void ProfileStore::update(const std::function<void(ProfileDocument&)>& edit) const {
  rewrite([&](const std::string& current) {
    ProfileDocument document = parse_or_throw(file_, current);
    edit(document);
    return document.to_text();
  });
}

void ProfileStore::replace_text(const std::string& original, const std::string& text) const {
  rewrite([&](const std::string& current) {
    if (current != original) throw Failure(file_.string() + " was changed by another program while you edited it; nothing was replaced");
    parse_or_throw(file_, text);
    return text;
  });
}

}  // namespace tdb
