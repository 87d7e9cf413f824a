#pragma once
// The profiles file on disk: where it is, reading it, and changing it safely (one writer at a
// time through an flock'ed lock file; temporary file, fsync, rename; 0600 in a 0700 folder;
// the snapshot dropped after every change).
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/profile_yaml.hpp"
#include "store/profile_cache.hpp"
#include "store/profile_reader.hpp"
#include "store/snapshot_file.hpp"
#include "util/context.hpp"

namespace tdb {

// Larger files are refused rather than parsed: a profiles file holds tokens, not data.
inline constexpr std::uintmax_t max_profiles_file_bytes = 4 * 1024 * 1024;

// $TRIPLYDB_PROFILES, else $XDG_CONFIG_HOME/triplydb/profiles.yaml, else ~/.config/triplydb/profiles.yaml.
std::filesystem::path locate_profiles_file(const Environment& env);

// What identifies the version of a file that fstat or stat described: the key of its snapshot.
FileIdentity identity_of(const struct stat& info);

// A way in which others could read or change the profiles, with the command that fixes it.
struct PermissionFinding {
  std::filesystem::path path;
  std::string problem;  // e.g. "is readable by others"
  std::string fix;      // e.g. "chmod 600 /home/me/.config/triplydb/profiles.yaml"

  std::string message() const { return path.string() + " " + problem + "; run '" + fix + "'"; }
};

// Checks the profiles file (the file a symlink points at) and its folder the way ssh checks
// ~/.ssh: no access for group or others, owned by the user. Nothing when the file is missing.
// Used for the warning every command prints and by doctor.
std::vector<PermissionFinding> check_permissions(const std::filesystem::path& file);

class ProfileStore {
 public:
  // Snapshots of `file` are kept in `snapshot_folder` (none when it is empty); `warn` hears
  // about anything found there that is not read.
  ProfileStore(
      std::filesystem::path file, std::filesystem::path snapshot_folder, Warn warn = [](const std::string&) {})
      : file_(std::move(file)), snapshot_(std::move(snapshot_folder), file_), warn_(std::move(warn)) {}
  static ProfileStore from_environment(const Environment& env, Warn warn) {
    return ProfileStore(locate_profiles_file(env), locate_snapshot_folder(env), std::move(warn));
  }

  const std::filesystem::path& path() const { return file_; }

  // A missing file is an empty document. Throws Failure with `path:line:column: what` otherwise.
  ProfileDocument load() const;
  // The file's text as it is, valid or not (empty when it is missing), within the size limit.
  std::string text() const;
  // `path:line:column: what`, the form every message about a place in the file takes.
  std::string located(const FileProblem& problem) const;

  // The profiles, for commands that only read: from this user's snapshot (mapped, decoded on
  // demand) when it was taken of exactly this version of the file, else parsed (and a snapshot
  // left for next time).
  ProfileReader read(std::chrono::system_clock::time_point now) const;

  std::filesystem::path snapshot_path() const { return snapshot_.path(); }

  // Locks, loads, lets `edit` change the document, then replaces the file in one step and drops
  // the snapshot. When `edit` throws, the file is left as it was.
  void update(const std::function<void(ProfileDocument&)>& edit) const;

  // edit: replaces the file with `text`, byte for byte, when it is a valid profiles file and the
  // file is still `original`; the same lock, temporary file, fsync and rename as update. Throws
  // Failure, leaving the file as it was, otherwise.
  void replace_text(const std::string& original, const std::string& text) const;

 private:
  void rewrite(const std::function<std::string(const std::string&)>& next_text) const;
  // Parses the file and, once it has settled, leaves a snapshot of it.
  ProfileSet parse_and_snapshot(std::chrono::system_clock::time_point now) const;

  std::filesystem::path file_;
  SnapshotFile snapshot_;
  Warn warn_;
};

}  // namespace tdb
