#pragma once
// The pieces every file of the user's store is written with: one writer at a time through an
// flock'ed lock file that is never removed, a temporary file beside the target that is fsync'ed
// and renamed over it, the owner and mode of the file it replaces, folders made 0700.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/unique_fd.hpp"

namespace tdb {

// "WHAT PATH: strerror(errno)".
std::string system_error(const std::string& what, const std::filesystem::path& path);

// Writes go to the file a symlink points at, so the link itself stays.
std::filesystem::path resolve_links(std::filesystem::path path);

// A writer killed between creating its temporary file and the rename leaves the file behind; the
// next writer, holding the lock, knows that no one else owns it.
void remove_abandoned_temporaries(const std::filesystem::path& target);

// The owner, group and mode of the file a writer replaces, for what it creates beside it.
struct Ownership {
  uid_t uid;
  gid_t gid;
  mode_t mode;

  static std::optional<Ownership> of(const std::filesystem::path& file);
  // Root making a file that does not exist yet in a user's folder (sudo with that user's HOME):
  // what it creates belongs to the owner of the nearest folder that exists, as if they had made it.
  static std::optional<Ownership> heir_of(std::filesystem::path dir);
  // What a writer of `target` gives what it creates: the file's own, else heir_of its folder.
  static std::optional<Ownership> for_writing(const std::filesystem::path& target);
  // Only root can give a file away; anyone else keeps what they create, which is then theirs.
  void give(int fd) const;
};

// Creates missing folders with mode 0700 (they will hold tokens), given to `owner` when root
// makes them for a user.
void make_private_directories(const std::filesystem::path& dir, const std::optional<Ownership>& owner);

// Holds an exclusive flock on `<file>.lock` for its lifetime. The lock file is never removed,
// so that every writer locks the same inode. It is opened without following a link (one planted
// in a shared folder would make us create or lock a file elsewhere) and must be a regular file.
class WriterLock {
 public:
  WriterLock(const std::filesystem::path& file, const std::optional<Ownership>& owner);

 private:
  UniqueFd fd_;
};

// A temporary file beside the target that replaces it on commit() and is removed otherwise. It
// takes the owner, group and mode of the file it replaces, so that root rewriting a user's file
// (sudo -E) leaves it theirs.
class AtomicFile {
 public:
  AtomicFile(const std::filesystem::path& target, const std::optional<Ownership>& owner);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text);
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  UniqueFd fd_;
  bool committed_ = false;
};

}  // namespace tdb
