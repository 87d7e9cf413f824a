#pragma once
// Where the snapshot of a profiles file is kept, and reading, writing and dropping it so that a
// snapshot is only ever read when this user wrote it: in a private folder of the user's own
// (memory under $XDG_RUNTIME_DIR when there is one), never beside the profiles file, where others
// may be able to write. The snapshot is only a shortcut: every failure here costs speed, not
// correctness.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "util/context.hpp"

namespace tdb {

// $XDG_RUNTIME_DIR/triplydb, else $XDG_CACHE_HOME/triplydb, else ~/.cache/triplydb (relative
// paths are ignored, as the XDG rules say); empty when there is none.
std::filesystem::path locate_snapshot_folder(const Environment& env);

using Warn = std::function<void(const std::string&)>;

class SnapshotFile {
 public:
  // The snapshot of `profiles_file` in `folder`: its name is derived from the file's absolute path.
  SnapshotFile(std::filesystem::path folder, const std::filesystem::path& profiles_file);

  // Empty when there is no folder to keep snapshots in.
  std::filesystem::path path() const;

  // The bytes, mapped read-only, when the snapshot is a regular file owned by this user that no
  // one else may read or write, in a folder of this user's that no one else may enter. Anything
  // else found there is reported through `warn` and not read. Nothing when there is none.
  std::shared_ptr<const std::string_view> map(const Warn& warn) const;

  // Replaces the snapshot with `bytes`, unless a writer holds the folder or `still_current` says
  // the file changed since `bytes` were taken: asked under the folder's shared lock, so that a
  // writer's drop() never races with it.
  void write(std::string_view bytes, const std::function<bool()>& still_current) const;

  // Removes the snapshot and any temporary file a killed reader left, under the folder's
  // exclusive lock. Every change of the profiles file ends with this, so a removed token leaves
  // no copy behind.
  void drop() const;

 private:
  std::filesystem::path folder_;
  std::string name_;
};

}  // namespace tdb
