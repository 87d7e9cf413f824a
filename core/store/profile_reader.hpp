#pragma once
// The profiles as the read-only commands see them: a snapshot mapped into memory and decoded on
// demand, or the parsed file when there is no usable snapshot. Pure: the store hands in the
// bytes (and what keeps them alive) and the way to parse the file.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/profile.hpp"
#include "store/profile_cache.hpp"

namespace tdb {

class ProfileReader {
 public:
  explicit ProfileReader(ProfileSet parsed) : parsed_(std::move(parsed)) {}
  // `bytes_owner` keeps the bytes `view` looks at alive; `parse_file` is called, at most once,
  // when a record turns out to be damaged.
  ProfileReader(std::shared_ptr<const void> bytes_owner, SnapshotView view, std::function<ProfileSet()> parse_file)
      : bytes_owner_(std::move(bytes_owner)), view_(view), parse_file_(std::move(parse_file)) {}

  // In file order.
  std::vector<std::string> names() const;
  std::optional<std::string> default_name() const;
  std::optional<Profile> find(std::string_view name) const;
  ProfileSet all() const;
  // The `exp` of each profile's stored token, in the order of all(): taken from the snapshot,
  // where it was read once, or read from the tokens. nullopt where there is none.
  std::vector<std::optional<std::int64_t>> token_expiries() const;

 private:
  // Drops the snapshot for the parsed file after a damaged record.
  void fall_back() const;

  std::shared_ptr<const void> bytes_owner_;
  mutable std::optional<SnapshotView> view_;
  std::function<ProfileSet()> parse_file_;
  mutable ProfileSet parsed_;
};

}  // namespace tdb
