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

#include "model/yaml_read.hpp"
#include "shell/shell_words.hpp"
#include "store/safe_write.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/io.hpp"
#include "util/unique_fd.hpp"

namespace tdb {

namespace fs = std::filesystem;

namespace {

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

ProfileDocument parse_or_throw(const fs::path& path, const std::string& text) {
  auto document = ProfileDocument::parse(text);
  if (document) return std::move(document).value();
  throw Failure(located(path.string(), document.error()));
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

// Earlier versions kept the snapshot beside the file as `<file>.cache`, where others may
// be able to write. It is never read now; a writer removes it, since it may hold a removed token.
void drop_snapshot_of_older_versions(const fs::path& target) {
  const fs::path beside = target.string() + ".cache";
  ::unlink(beside.c_str());
  remove_abandoned_temporaries(beside);
}

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

std::string ProfileStore::located(const FileProblem& problem) const { return tdb::located(file_.string(), problem); }

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
  // The snapshot's records have no room for `vars:`; a file that uses them is read each time.
  const bool has_vars = std::any_of(set.profiles.begin(), set.profiles.end(), [](const Profile& p) { return !p.vars.empty(); });
  if (file.identity && has_settled(*file.identity, now) && !has_vars) {
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
  make_private_directories(dir, Ownership::heir_of(dir));
  target = dir / target.filename();
  // Before the lock file is made: /dev/zero behind a link must not get a /dev/zero.lock.
  if (struct stat info{}; ::stat(target.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) throw not_a_regular_file(target, info);
  const auto ownership = Ownership::for_writing(target);
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
    std::string text = document.to_text();
    // A hand-edited key that yaml-cpp's emitter writes in a form its parser refuses: refuse the
    // write, which loses nothing, rather than leave a file the next command cannot read.
    if (auto reread = ProfileDocument::parse(text); !reread)
      throw Failure(file_.string() + " cannot be rewritten so that it reads back (" + reread.error().message +
                    "); fix its unusual keys by hand ('triplydb-profile edit'); nothing was changed");
    return text;
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
