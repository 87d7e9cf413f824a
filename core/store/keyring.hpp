#pragma once
// Where a keyring profile's token lives. One interface for any system keyring (the seam for a
// macOS Keychain or Windows Credential Manager backend), and the Secret Service one, which asks
// the helper triplydb-profile-keyring, so that this program links no libsecret, GLib or D-Bus.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "model/profile.hpp"
#include "util/context.hpp"
#include "util/expected.hpp"

namespace tdb {

// Every answer is the secret or a Problem in words a user can act on; none falls back to
// anything else.
class Keyring {
 public:
  virtual ~Keyring() = default;
  virtual Expected<std::string> get(const KeyringItem& item) = 0;
  // Creates the item, or replaces the secret of the item with these attributes.
  virtual std::optional<Problem> store(const KeyringItem& item, const std::string& label, const std::string& secret) = 0;
  // An item that is not there is no problem.
  virtual std::optional<Problem> remove(const KeyringItem& item) = 0;
};

inline constexpr const char* keyring_helper_name = "triplydb-profile-keyring";
inline constexpr std::chrono::seconds default_keyring_timeout{20};

// The Secret Service, through the helper found where the network helper is found, started for
// each request with the request on its standard input and killed at a deadline:
// $TRIPLYDB_KEYRING_TIMEOUT seconds, else default_keyring_timeout. An unlock prompt is allowed
// only where one can be shown ($DISPLAY or $WAYLAND_DISPLAY).
std::unique_ptr<Keyring> system_keyring(const Context& ctx);

}  // namespace tdb
