#pragma once
// A binary snapshot of the parsed profiles, so that the commands every TAB and every `use` run
// skip the YAML parser (about 700 instructions per byte of profiles file). Pure: bytes in,
// bytes out; profile_store decides when a snapshot may be trusted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "profile.hpp"

namespace tdb {

// What identifies one version of the profiles file. Every change of its content changes the
// size, the inode (our writes rename a new file in) or the modification and change times.
struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t modified_seconds = 0;
  std::int64_t modified_nanoseconds = 0;
  std::int64_t changed_seconds = 0;
  std::int64_t changed_nanoseconds = 0;

  bool operator==(const FileIdentity&) const = default;
};

std::string encode_snapshot(const FileIdentity& identity, const ProfileSet& set);

// The profiles, when `bytes` is a complete snapshot taken of exactly `identity`.
std::optional<ProfileSet> decode_snapshot(std::string_view bytes, const FileIdentity& identity);

}  // namespace tdb
