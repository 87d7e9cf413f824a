#pragma once
// The profile model: what one named token is, and the rules for names. Pure: no I/O.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tdb {

// Extra variables (`vars:`), in the order they are written; exported beside the profile's own.
using Variables = std::vector<std::pair<std::string, std::string>>;

// Where a keyring profile's token is: the Secret Service item with these two attributes.
struct KeyringItem {
  std::string service;
  std::string account;
  bool operator==(const KeyringItem&) const = default;
};

inline constexpr const char* keyring_service = "triplydb-profile";  // the service of the items `add --keyring` makes

struct Profile {
  std::string name;
  std::string instance;  // API base URL, normalised (see instance_url.hpp)
  std::string token;     // empty when the token comes from token_command or the keyring
  std::optional<std::string> account;
  std::optional<std::string> description;
  // The command that prints the token (e.g. {"pass", "show", "triplydb/prod"}), run only when
  // the token itself is needed; see token_command.hpp.
  std::optional<std::vector<std::string>> token_command = std::nullopt;
  // The keyring item that holds the token, read only when the token itself is needed; see
  // store/keyring.hpp.
  std::optional<KeyringItem> keyring = std::nullopt;
  // The token is stored with the profile (in the file, and so in the snapshot).
  bool has_stored_token() const { return !token_command && !keyring; }
  // "read", "write" or "management": the label add derived from the token's scopes on the instance.
  std::optional<std::string> access = std::nullopt;
  // `vars:`, extra variables that use, exec and env export beside the four.
  Variables vars = {};
};

// The profiles of one file, in file order, and the profile new shells start with.
struct ProfileSet {
  std::vector<Profile> profiles;
  std::optional<std::string> default_name;

  const Profile* find(std::string_view name) const;
  std::vector<std::string> names() const;
};

// `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`; "-" (the previous profile) is never a name.
bool is_valid_profile_name(std::string_view name);
// The two halves of is_valid_profile_name, for a snapshot that stores its names side by side:
// every byte of TEXT may be in a name; NAME, whose bytes are known to be, has the length and the
// first character a name must have.
bool has_only_name_characters(std::string_view text);
bool is_valid_name_of_name_characters(std::string_view name);

// Why `name` is not a valid profile name, in words a user can act on.
std::string explain_invalid_name(std::string_view name);

// `account` and `description` are free text, but TRIPLYDB_ACCOUNT ends up in prompts: why `text`
// cannot be one (it holds a control character other than tab and newline), named as `label`.
std::optional<std::string> explain_invalid_free_text(std::string_view label, std::string_view text);

// A keyring item's service or account as the file may hold it: 1 to 255 bytes, no control
// characters.
bool is_keyring_attribute(std::string_view text);
// The labels `access` may hold (see model/token_scopes.hpp).
bool is_access_label(std::string_view text);

// The candidate closest to `name` when it is a plausible typo of it.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

// "unknown profile 'x'" with the way out: a suggestion, or the command that creates it.
std::string unknown_profile_message(std::string_view name, const std::vector<std::string>& names);
std::string unknown_profile_message(std::string_view name, const ProfileSet& set);

}  // namespace tdb
