#pragma once
// What the subcommands share: their parsed command line, and finding the profile a command is about.
#include <cxxopts.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "store/profile_store.hpp"
#include "util/clock.hpp"

namespace tdb {

// One command's words parsed the way its entry in the command table says: cxxopts set up from
// the table (--help, options, positional words, usage errors that exit 2).
class CommandLine {
 public:
  explicit CommandLine(const Command& command);

  // Parses `args`; prints help and returns false for --help. Throws UsageError on bad words or a
  // positional count outside what the table allows.
  bool parse(Context& ctx, const Arguments& args);

  const Command& command() const { return command_; }
  const cxxopts::ParseResult& result() const { return *result_; }
  bool flag(const std::string& name) const { return result_->count(name) > 0; }
  std::optional<std::string> text(const std::string& name) const;
  // Every value given for an option that may be repeated (e.g. exec --as), in order.
  std::vector<std::string> every(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // For a command that takes a command: the words after "--".
  const std::vector<std::string>& rest() const { return rest_; }

 private:
  const Command& command_;
  cxxopts::Options options_;
  std::optional<cxxopts::ParseResult> result_;
  std::vector<std::string> positional_;
  std::vector<std::string> rest_;
};

// The first executable file named `program` in $PATH's folders.
std::optional<std::filesystem::path> find_on_path(const Environment& env, std::string_view program);

// Replaces this process with `command` (looked up on $PATH) in `env`; returns only when that
// fails, after saying why: 127 when the program is missing, 126 when it cannot be run.
int replace_process(Context& ctx, const Arguments& command, const Environment& env);

// The profiles file named by the context's environment.
ProfileStore store_for(Context& ctx);

// Throws UsageError unless `name` is a valid profile name.
void require_valid_name(std::string_view name);

// The named profile, or a Failure that says "did you mean" or how to create it.
const Profile& require_profile(const ProfileSet& set, std::string_view name);
Profile require_profile(const ProfileReader& reader, std::string_view name);

// The profile with its token: the stored one, the keyring's (through the keyring helper), or
// what its token_command prints; checked to be a token. Throws a Failure naming the profile when
// that fails; nothing is printed, and nothing falls back to anywhere else.
Profile with_token(const Context& ctx, const Profile& profile);

// remove and revoke ask on a terminal, unless --yes: "y" or "yes" goes on, anything else stops.
// Not a terminal: no question, as rm does.
bool confirmed(Context& ctx, const CommandLine& line, const std::string& question);

// use and a new shell's default: a token that has expired would make every later call fail as if
// the network did. The message (when it expired, where to make a new one), or nothing when the
// profile's token (with_token) has not expired or says no expiry.
std::optional<std::string> expired_token_message(const Context& ctx, const Profile& with_token);
// "expires on DATE, in N days; make a new one at PAGE" when that is within `days`, else nothing.
std::optional<std::string> expiring_token_message(const Context& ctx, const Profile& with_token, std::int64_t days);

// The keyring item for a new keyring profile NAME: account NAME, unless another profile of `set`
// uses that item (it was renamed from NAME), then NAME-2, NAME-3, ...
KeyringItem free_keyring_item(const ProfileSet& set, const std::string& name);

// Another profile of `set` names the same keyring item (a hand-edited file): it must stay.
bool keyring_item_shared(const ProfileSet& set, const Profile& profile);

// What keyring managers (Seahorse, KeePassXC) show for the item.
std::string keyring_label(const Profile& profile);

// What list and show print for the token: masked, or where it comes from.
std::string token_display(const Profile& profile);

// Where the token lives, for doctor and show: "file", "token_command", "keyring (service ...)".
std::string token_location(const Profile& profile);

// {"service": S, "account": A} of a keyring profile, else null: for list --json and show --json.
nlohmann::json keyring_json(const Profile& profile);

// The profile's token_command for people and JSON, with any token written into it masked.
std::vector<std::string> token_command_display(const Profile& profile);

// NAME when given, else the profile active in this shell ($TRIPLYDB_PROFILE).
std::string name_or_active(const Context& ctx, const std::vector<std::string>& positional);

}  // namespace tdb
