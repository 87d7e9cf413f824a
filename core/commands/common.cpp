#include "commands/common.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <istream>
#include <ostream>
#include <sstream>

#include "model/instance_url.hpp"
#include "model/token.hpp"
#include "store/keyring.hpp"
#include "store/profile_store.hpp"
#include "store/token_command.hpp"
#include "util/error.hpp"
#include "util/terminal.hpp"
#include "util/visible_text.hpp"

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

// The option of `command` that `word` names (`--as`, `--as=P=NAME`, `-y`), if any.
const OptionSpec* option_named(const Command& command, std::string_view word) {
  if (word.starts_with("--")) return find_option(command, word.substr(2, word.find('=') - 2));
  if (word.size() == 2 && word[0] == '-')
    for (const auto& option : command.options)
      if (option.short_name == word.substr(1)) return &option;
  return nullptr;
}

bool is_help(std::string_view word) { return word == "--help" || word == "-h"; }

// exec [OPTIONS] NAME [OPTIONS] [--] CMD...: the options before the name, the name, and the
// options of ours right after it are exec's; everything after is the command, with or without "--"
// (PowerShell drops a "--" given to a function). Returns where exec's own words end.
Arguments::const_iterator split_off_command(const Command& command, const Arguments& args, Arguments& rest) {
  auto word = args.begin();
  auto skip_options = [&](bool only_ours) {
    for (; word != args.end() && word->starts_with('-') && *word != "--"; ++word) {
      const OptionSpec* option = option_named(command, *word);
      if (only_ours && !option && !is_help(*word)) return;
      const bool value_follows = option && option->value != ValueKind::none && word->find('=') == std::string::npos;
      if (value_follows && word + 1 != args.end()) ++word;
    }
  };
  skip_options(false);
  if (word == args.end()) return word;
  if (*word == "--") {  // complete -- WORDS, exec --as P=NAME -- CMD: no name before the command
    rest.assign(word + 1, args.end());
    return word;
  }
  ++word;  // the name
  skip_options(true);
  const auto own_end = word;
  if (word != args.end() && *word == "--") ++word;
  rest.assign(word, args.end());
  return own_end;
}

}  // namespace

CommandLine::CommandLine(const Command& command)
    : command_(command), options_("triplydb-profile " + std::string(command.name), std::string(command.description)) {
  options_.custom_help(std::string(command.synopsis));
  options_.positional_help("");
  auto adder = options_.add_options();
  adder("h,help", "Show this help");
  for (const auto& option : command.options) add_option(adder, option);
}

bool CommandLine::parse(Context& ctx, const Arguments& args) {
  const std::string name(command_.name);
  const auto own_end = command_.takes_command ? split_off_command(command_, args, rest_) : args.end();
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
  // The words that are not options, each as typed: a cxxopts vector option would split "a,b" in two.
  positional_ = result_->unmatched();
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

int replace_process(Context& ctx, const Arguments& command, const Environment& env) {
  constexpr int exit_not_executable = 126;
  constexpr int exit_not_found = 127;
  std::vector<std::string> entries;
  for (const auto& [name, value] : env.all()) entries.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (const auto& word : command) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);

  ctx.out.flush();
  ::execvpe(argv[0], argv.data(), envp.data());
  int error = errno;
  ctx.err << "triplydb-profile: exec: " << command.front() << ": " << std::strerror(error) << "\n";
  return error == ENOENT || error == ENOTDIR ? exit_not_found : exit_not_executable;
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

bool confirmed(Context& ctx, const CommandLine& line, const std::string& question) {
  if (line.flag("yes") || !ctx.stdin_is_terminal) return true;
  ctx.err << question << " [y/N] ";
  flush_with_partial_line(ctx.err);  // the question shows before the answer is read
  std::string answer;
  wait_for_terminal(STDIN_FILENO);
  std::getline(ctx.in, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

namespace {

std::optional<std::int64_t> token_expiry(const Profile& profile) {
  auto claims = read_token(profile.token);
  return claims ? claims->expires_at : std::nullopt;
}

std::string new_token_page(const Profile& profile) { return token_settings_page(likely_console_url(profile.instance)); }

}  // namespace

std::optional<std::string> expired_token_message(const Context& ctx, const Profile& profile) {
  auto expires_at = token_expiry(profile);
  if (!expires_at || *expires_at > epoch_seconds(ctx.now)) return std::nullopt;
  return "the token of profile '" + profile.name + "' expired on " + format_utc(*expires_at) + "; make a new one at " +
         new_token_page(profile) + " and run 'triplydb-profile add " + profile.name + " --force'";
}

std::optional<std::string> expiring_token_message(const Context& ctx, const Profile& profile, std::int64_t days) {
  auto expires_at = token_expiry(profile);
  const auto left = expires_at ? *expires_at - epoch_seconds(ctx.now) : -1;
  if (left <= 0 || left >= days * 86400) return std::nullopt;
  const auto hours = left / 3600;
  const std::string in = hours < 48 ? std::to_string(hours) + (hours == 1 ? " hour" : " hours") : std::to_string(hours / 24) + " days";
  return "the token of profile '" + profile.name + "' expires on " + format_utc(*expires_at) + ", in " + in + "; make a new one at " +
         new_token_page(profile);
}

std::string name_or_active(const Context& ctx, const std::vector<std::string>& positional) {
  if (!positional.empty()) return positional.front();
  if (auto active = ctx.env.get("TRIPLYDB_PROFILE"); active && !active->empty()) return *active;
  throw Failure("no profile named and none is active in this shell: name one, or run 'triplydb use NAME' first");
}

}  // namespace tdb
