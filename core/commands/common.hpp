#pragma once
// What the subcommands share: cxxopts set up the same way for each (--help, positional words,
// usage errors that exit 2), and finding the profile a command is about.
#include <cxxopts.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "profile_store.hpp"

namespace tdb {

class CommandLine {
 public:
  // `usage` is what follows the command's name in the synopsis, e.g. "NAME [--json]".
  CommandLine(std::string_view command, std::string_view usage, std::string_view description);

  cxxopts::OptionAdder add_options() { return options_.add_options(); }

  // Parses `args`; prints help and returns false for --help. Throws UsageError on bad words or a
  // positional count outside [min_positional, max_positional].
  bool parse(Context& ctx, const Arguments& args, std::size_t min_positional, std::size_t max_positional);

  const cxxopts::ParseResult& result() const { return *result_; }
  bool flag(const std::string& name) const { return result_->count(name) > 0; }
  std::optional<std::string> text(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::string command_;
  cxxopts::Options options_;
  std::optional<cxxopts::ParseResult> result_;
  std::vector<std::string> positional_;
};

// The profiles file named by the context's environment.
ProfileStore store_for(Context& ctx);

// Throws UsageError unless `name` is a valid profile name.
void require_valid_name(std::string_view name);

// The named profile, or a Failure that says "did you mean" or how to create it.
const Profile& require_profile(const ProfileSet& set, std::string_view name);
Profile require_profile(const ProfileReader& reader, std::string_view name);

// The profile with its token: the stored one, or what its token_command prints (checked to be a
// token). Throws a Failure naming the profile when the command fails; nothing is printed.
Profile with_token(const Context& ctx, const Profile& profile);

// What list and show print for the token: masked, or where it comes from.
std::string token_display(const Profile& profile);

// The profile's token_command for people and JSON, with any token written into it masked.
std::vector<std::string> token_command_display(const Profile& profile);

// NAME when given, else the profile active in this shell ($TRIPLYDB_PROFILE).
std::string name_or_active(const Context& ctx, const std::vector<std::string>& positional);

// "2027-01-31 14:05 UTC"
std::string format_utc(std::int64_t seconds);

}  // namespace tdb
