#include "commands/common.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <ostream>
#include <sstream>

#include "model/token.hpp"
#include "store/keyring.hpp"
#include "store/profile_store.hpp"
#include "store/token_command.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

void add_option(cxxopts::OptionAdder& adder, const OptionSpec& option) {
  const std::string long_name(option.name), help(option.help), value_name(option.value_name);
  const std::string name = option.short_name.empty() ? long_name : std::string(option.short_name) + "," + long_name;
  if (option.value == ValueKind::none) {
    adder(name, help);
  } else if (option.value == ValueKind::seconds) {
    auto value = cxxopts::value<double>();
    if (!option.default_value.empty()) value->default_value(std::string(option.default_value));
    adder(name, help, value, value_name);
  } else {
    adder(name, help, cxxopts::value<std::string>(), value_name);
  }
}

}  // namespace

CommandLine::CommandLine(const Command& command)
    : command_(command), options_("triplydb-profile " + std::string(command.name), std::string(command.description)) {
  options_.custom_help(std::string(command.synopsis));
  options_.positional_help("");
  auto adder = options_.add_options();
  adder("h,help", "Show this help");
  for (const auto& option : command.options) add_option(adder, option);
  options_.add_options("positional")("words", "", cxxopts::value<std::vector<std::string>>());
  options_.parse_positional({"words"});
}

bool CommandLine::parse(Context& ctx, const Arguments& args) {
  const std::string name(command_.name);
  auto own_end = args.end();
  if (command_.takes_command) {
    own_end = std::find(args.begin(), args.end(), "--");
    if (own_end != args.end()) rest_.assign(own_end + 1, args.end());
  }
  std::vector<const char*> argv{"triplydb-profile"};
  for (auto arg = args.begin(); arg != own_end; ++arg) argv.push_back(arg->c_str());
  try {
    result_ = options_.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(name + ": " + e.what() + " (see 'triplydb-profile " + name + " --help')");
  }
  if (flag("help")) {
    ctx.out << options_.help({""});
    return false;
  }
  if (result_->count("words")) positional_ = (*result_)["words"].as<std::vector<std::string>>();
  if (positional_.size() < command_.required) throw UsageError(name + ": missing argument (see 'triplydb-profile " + name + " --help')");
  if (positional_.size() > command_.positionals.size())
    throw UsageError(name + ": unexpected argument '" + positional_[command_.positionals.size()] + "' (see 'triplydb-profile " + name +
                     " --help')");
  return true;
}

std::optional<std::string> CommandLine::text(const std::string& name) const {
  if (!result_->count(name)) return std::nullopt;
  return (*result_)[name].as<std::string>();
}

std::vector<std::string> CommandLine::every(const std::string& name) const {
  std::vector<std::string> values;
  for (const auto& argument : result_->arguments())
    if (argument.key() == name) values.push_back(argument.value());
  return values;
}

std::optional<std::filesystem::path> find_on_path(const Environment& env, std::string_view program) {
  std::istringstream path(env.get("PATH").value_or(""));
  for (std::string directory; std::getline(path, directory, ':');) {
    if (directory.empty()) continue;
    const auto candidate = std::filesystem::path(directory) / program;
    if (::access(candidate.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(candidate)) return candidate;
  }
  return std::nullopt;
}

ProfileStore store_for(Context& ctx) {
  return ProfileStore::from_environment(
      ctx.env, [&ctx](const std::string& warning) { ctx.err << "triplydb-profile: warning: " << warning << "\n"; });
}

void require_valid_name(std::string_view name) {
  if (!is_valid_profile_name(name)) throw UsageError(explain_invalid_name(name));
}

const Profile& require_profile(const ProfileSet& set, std::string_view name) {
  if (const Profile* profile = set.find(name)) return *profile;
  if (!is_valid_profile_name(name)) throw UsageError(explain_invalid_name(name));
  throw Failure(unknown_profile_message(name, set));
}

Profile require_profile(const ProfileReader& reader, std::string_view name) {
  if (auto profile = reader.find(name)) return std::move(*profile);
  if (!is_valid_profile_name(name)) throw UsageError(explain_invalid_name(name));
  throw Failure(unknown_profile_message(name, reader.names()));
}

namespace {

std::string fetch_token(const Context& ctx, const Profile& profile) {
  if (profile.keyring) {
    auto token = system_keyring(ctx)->get(*profile.keyring);
    if (!token) throw Failure("profile '" + profile.name + "': cannot read its token from the keyring: " + token.error().message);
    if (auto claims = read_token(*token); !claims)
      throw Failure("profile '" + profile.name + "': the keyring item does not hold a token: " + claims.error().message);
    return *token;
  }
  auto token = run_token_command(*profile.token_command, ctx.env);
  if (!token) throw Failure("profile '" + profile.name + "': token_command failed: " + token.error().message);
  if (auto claims = read_token(*token); !claims)
    throw Failure("profile '" + profile.name + "': token_command did not print a token: " + claims.error().message);
  return *token;
}

}  // namespace

Profile with_token(const Context& ctx, const Profile& profile) {
  if (profile.has_stored_token()) return profile;
  Profile resolved = profile;
  resolved.token = fetch_token(ctx, profile);
  return resolved;
}

KeyringItem free_keyring_item(const ProfileSet& set, const std::string& name) {
  auto taken = [&](const std::string& account) {
    return std::any_of(set.profiles.begin(), set.profiles.end(), [&](const Profile& p) {
      return p.name != name && p.keyring == KeyringItem{keyring_service, account};
    });
  };
  std::string account = name;
  for (int n = 2; taken(account); ++n) account = name + "-" + std::to_string(n);
  return {keyring_service, account};
}

bool keyring_item_shared(const ProfileSet& set, const Profile& profile) {
  return profile.keyring && std::any_of(set.profiles.begin(), set.profiles.end(),
                                        [&](const Profile& p) { return p.name != profile.name && p.keyring == profile.keyring; });
}

std::string keyring_label(const Profile& profile) { return "TriplyDB token of profile '" + profile.name + "' (" + profile.instance + ")"; }

std::string token_display(const Profile& profile) {
  if (profile.keyring) return "(keyring)";
  return profile.token_command ? "(command)" : mask_token(profile.token);
}

std::string token_location(const Profile& profile) {
  if (profile.keyring) return "keyring (service '" + profile.keyring->service + "', account '" + profile.keyring->account + "')";
  return profile.token_command ? "token_command" : "file";
}

nlohmann::json keyring_json(const Profile& profile) {
  if (!profile.keyring) return nullptr;
  return {{"service", profile.keyring->service}, {"account", profile.keyring->account}};
}

std::vector<std::string> token_command_display(const Profile& profile) {
  std::vector<std::string> words;
  for (const auto& word : profile.token_command.value_or(std::vector<std::string>{})) words.push_back(mask_tokens_in(word));
  return words;
}

std::string name_or_active(const Context& ctx, const std::vector<std::string>& positional) {
  if (!positional.empty()) return positional.front();
  if (auto active = ctx.env.get("TRIPLYDB_PROFILE"); active && !active->empty()) return *active;
  throw Failure("no profile named and none is active in this shell: name one, or run 'triplydb use NAME' first");
}

}  // namespace tdb
