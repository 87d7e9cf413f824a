#pragma once
// A binary snapshot of the parsed profiles, so that the commands every TAB and every `use` run
// skip the YAML parser. Laid out as an index so that a reader maps the file and touches only
// what it asks for: the names, one profile, the default. Pure: bytes in, bytes out;
// profile_store decides when a snapshot may be trusted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/profile.hpp"

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

// Writes `identity` and the checksums into bytes laid out as a snapshot: the last step of
// encode_snapshot. Where the layout's own numbers point outside the bytes, nothing is written
// there, so any bytes can be sealed (as the tests and the fuzzer do with bytes shaped by hand).
void seal_snapshot(std::string& bytes, const FileIdentity& identity);

// A snapshot's bytes, checked once (magic, identity, sizes, the checksum of the index and the
// names, every offset) and decoded lazily. Each record carries its own checksum, verified when
// it is decoded, so a damaged record is noticed without reading the others. Does not own the bytes.
class SnapshotView {
 public:
  // The view, when `bytes` is a complete snapshot taken of exactly `identity`.
  static std::optional<SnapshotView> open(std::string_view bytes, const FileIdentity& identity);

  // In file order.
  std::size_t size() const { return count_; }
  std::string_view name(std::size_t index) const;
  std::vector<std::string> names() const;
  std::optional<std::string_view> default_name() const { return default_name_; }
  std::optional<std::size_t> index_of(std::string_view name) const;

  // The `exp` of the stored token of the profile at `index`, read when the snapshot was taken;
  // nullopt when it has none (or no stored token).
  std::optional<std::int64_t> token_expiry(std::size_t index) const;

  // The profile at `index`; nullopt when its record is damaged.
  std::optional<Profile> profile(std::size_t index) const;
  // Every profile; nullopt when any record is damaged.
  std::optional<ProfileSet> all() const;

 private:
  SnapshotView(std::string_view bytes, std::size_t count, std::optional<std::string_view> default_name)
      : bytes_(bytes), count_(count), default_name_(default_name) {}
  std::uint64_t entry_field(std::size_t index, std::size_t field) const;

  std::string_view bytes_;
  std::size_t count_;
  std::optional<std::string_view> default_name_;
  mutable std::string checked_instance_;  // the last instance URL found valid, checked once
};

// The profiles, when `bytes` is a complete, undamaged snapshot taken of exactly `identity`.
std::optional<ProfileSet> decode_snapshot(std::string_view bytes, const FileIdentity& identity);

}  // namespace tdb
