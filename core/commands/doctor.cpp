// doctor [--online]: check what can silently go wrong: the file's permissions and syntax, the
// default, where each token lives (and whether the keyring answers), token expiry, the official
// CLI, the helpers and the shell integration; --online asks every instance.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <tuple>
#include <vector>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/folder.hpp"
#include "model/token.hpp"
#include "net/network_options.hpp"
#include "net/triplydb_api.hpp"
#include "store/keyring.hpp"
#include "util/error.hpp"
#include "util/helper_program.hpp"

namespace tdb {

namespace {

constexpr std::int64_t expiry_warning_seconds = 14 * 24 * 3600;

enum class Level { ok, info, warn, fail };

// Prints one finding per line, "ok    ..." to "fail  ...", and remembers whether any failed.
class Report {
 public:
  explicit Report(std::ostream& out) : out_(out) {}
  void add(Level level, const std::string& text) {
    static constexpr const char* labels[] = {"ok    ", "info  ", "warn  ", "fail  "};
    out_ << labels[static_cast<int>(level)] << mask_tokens_in(text) << "\n";  // a file error may quote a misplaced token
    failed_ = failed_ || level == Level::fail;
  }
  bool failed() const { return failed_; }

 private:
  std::ostream& out_;
  bool failed_ = false;
};

// The store's permission policy, the one every command warns about, in its words: others able to
// read or change the file fail, an open folder warns.
void report_permissions(Report& report, const std::filesystem::path& file) {
  for (const auto& finding : check_permissions(file))
    report.add(finding.path.filename() == file.filename() ? Level::fail : Level::warn, finding.message());
}

// Only the tokens in the file are read here: a token_command or keyring token is fetched when it
// is used, or by --online, and is not counted as valid without that.
void check_tokens(Report& report, const ProfileSet& set, std::int64_t now, bool online) {
  std::size_t fine = 0;
  std::vector<std::string> unchecked;
  for (const auto& profile : set.profiles) {
    if (!profile.has_stored_token()) {
      unchecked.push_back(profile.name + " (" + (profile.keyring ? "keyring" : "token_command") + ")");
      continue;
    }
    const auto claims = read_token(profile.token);
    if (!claims) {
      report.add(Level::fail, profile.name + ": " + claims.error().message);
    } else if (claims->expires_at && *claims->expires_at <= now) {
      report.add(Level::fail, profile.name + ": the token expired on " + format_utc(*claims->expires_at) +
                                  "; make a new one and run 'triplydb-profile add " + profile.name + " --force'");
    } else if (claims->expires_at && *claims->expires_at - now < expiry_warning_seconds) {
      report.add(Level::warn, profile.name + ": the token expires on " + format_utc(*claims->expires_at));
    } else {
      ++fine;
    }
  }
  const std::size_t checked = set.profiles.size() - unchecked.size();
  if (fine > 0)
    report.add(Level::ok, std::to_string(fine) + " of " + std::to_string(checked) + " tokens are valid for at least 14 more days");
  if (unchecked.empty()) return;
  std::string names;
  for (const auto& name : unchecked) names += (names.empty() ? "" : ", ") + name;
  report.add(online ? Level::info : Level::warn, "expiry not checked for " + names +
                                                     (online ? ": their tokens are fetched and verified below"
                                                             : ": run 'triplydb-profile doctor --online' to fetch and verify them"));
}

// Where each token lives; a keyring profile's item is read (not shown), so a locked keyring or a
// missing item shows here rather than at the next 'use'. No helper starts without one.
void check_token_locations(Report& report, const Context& ctx, const ProfileSet& set) {
  std::unique_ptr<Keyring> keyring;
  for (const auto& profile : set.profiles) {
    const std::string where = profile.name + ": token in the " + token_location(profile);
    if (!profile.keyring) {
      report.add(Level::info, where);
      continue;
    }
    if (!keyring) keyring = system_keyring(ctx);
    if (auto token = keyring->get(*profile.keyring); !token)
      report.add(Level::fail, where + ", which does not answer: " + token.error().message);
    else
      report.add(Level::ok, where + ", which answers");
  }
}

bool file_mentions(const std::filesystem::path& file, const std::string& text) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

struct StartupFiles {
  std::string_view shell;
  std::vector<std::filesystem::path> files;  // the first is the one to add the line to
  std::string init_line;
};

std::vector<StartupFiles> startup_files(const Environment& env, const std::filesystem::path& home) {
  auto config = env.get("XDG_CONFIG_HOME").value_or("");
  if (!std::filesystem::path(config).is_absolute()) config = (home / ".config").string();  // the XDG rules ignore a relative one
  auto zdotdir = env.get("ZDOTDIR").value_or("");
  const std::filesystem::path zsh_dir = std::filesystem::path(zdotdir).is_absolute() ? std::filesystem::path(zdotdir) : home;
  const std::filesystem::path c(config);
  return {{"bash", {home / ".bashrc", home / ".bash_profile"}, "eval \"$(triplydb-profile init bash)\""},
          {"zsh", {zsh_dir / ".zshrc"}, "eval \"$(triplydb-profile init zsh)\""},
          {"fish", {c / "fish" / "config.fish"}, "triplydb-profile init fish | source"},
          {"pwsh",
           {c / "powershell" / "Microsoft.PowerShell_profile.ps1", c / "powershell" / "profile.ps1"},
           "Invoke-Expression (& triplydb-profile init pwsh | Out-String)"},
          {"elvish", {c / "elvish" / "rc.elv"}, "eval (triplydb-profile init elvish | slurp)"}};
}

// The shell that started this program (through the function or not), from its command line:
// "-bash" for a login shell, "dotnet .../pwsh.dll" for the pwsh of `dotnet tool install`.
std::optional<std::string> parent_shell() {
  std::ifstream in("/proc/" + std::to_string(::getppid()) + "/cmdline");
  int words = 0;
  for (std::string word; words < 2 && std::getline(in, word, '\0'); ++words) {
    std::string name = std::filesystem::path(word).stem().string();
    if (name.starts_with('-')) name.erase(0, 1);
    for (const char* shell : {"bash", "zsh", "fish", "pwsh", "elvish"})
      if (name == shell) return name;
  }
  return std::nullopt;
}

// A program cannot see its parent shell's functions, so look for the init line in the start-up
// file of the shell doctor runs in, and name the other shells' files that have it.
void check_shell_integration(Report& report, const Environment& env) {
  const auto home = env.get("HOME");
  if (!home) return report.add(Level::info, "HOME is not set: shell integration not checked");
  const auto shell = parent_shell();
  bool found_own = false;
  std::vector<std::string> others;
  for (const auto& entry : startup_files(env, *home)) {
    const bool own = shell == entry.shell;
    for (const auto& file : entry.files) {
      if (!file_mentions(file, "triplydb-profile init")) continue;
      if (own && !found_own) report.add(Level::ok, "shell integration for " + std::string(entry.shell) + " is set up in " + file.string());
      if (!own) others.push_back(std::string(entry.shell) + " in " + file.string());
      found_own = found_own || own;
    }
    if (own && !found_own && env.has("TRIPLYDB_FUNCTION_NAME")) {
      report.add(Level::ok, "shell integration for " + std::string(entry.shell) + " is loaded in this shell, though not from " +
                                entry.files.front().string());
      found_own = true;
    } else if (own && !found_own) {
      report.add(Level::warn, "no triplydb-profile init line in " + entry.files.front().string() + ", the start-up file of " +
                                  std::string(entry.shell) + ": add '" + entry.init_line + "' to it to get 'triplydb use'");
    }
  }
  for (const auto& other : others)
    report.add(shell ? Level::info : Level::ok,
               (shell ? "shell integration also set up for " : "shell integration is set up for ") + other);
  if (!shell && others.empty())
    report.add(Level::warn,
               "no triplydb-profile init line in ~/.bashrc, ~/.zshrc, config.fish or the PowerShell "
               "profile: add 'eval \"$(triplydb-profile init bash)\"' (or zsh, fish, pwsh) to get 'triplydb use'");
}

// add, whoami and doctor --online need the helper; it is looked for here, not started.
void check_network_helper(Report& report, const std::filesystem::path& program_path) {
  if (auto helper = http::find_helper(program_path)) return report.add(Level::ok, "network helper: " + helper->string());
  report.add(Level::fail, http::missing_helper_message(program_path) +
                              ": add, whoami and doctor --online cannot reach an instance; reinstall triplydb-profile");
}

void check_online(Report& report, Context& ctx, const ProfileSet& set, const http::Settings& settings) {
  if (set.profiles.empty()) return;
  const auto transport = http::helper_transport(ctx.program_path, ctx.env);
  for (const auto& profile : set.profiles) {
    std::string token;
    try {  // a keyring that does not answer has been reported; this profile cannot be verified
      token = with_token(ctx, profile).token;
    } catch (const Failure& failure) {
      report.add(Level::fail, failure.what());
      continue;
    }
    const http::Client client(*transport, settings, token);
    try {
      const auto result = api::verify_token(client, profile.instance);
      if (result.outcome != api::Outcome::verified) {
        report.add(Level::fail, profile.name + ": " + result.message);
        continue;
      }
      const std::string instance_name = result.info ? result.info->name : std::string();
      report.add(Level::ok, profile.name + ": account " + result.account.account_name + " on " +
                                (instance_name.empty() ? "" : instance_name + ", ") + profile.instance);
    } catch (const Failure& failure) {  // unreachable: report it and go on with the next profile
      report.add(Level::fail, profile.name + ": " + client.scrub(failure.what()));
    }
  }
}

// What `status` reports against the active profile, from this folder and above, as warnings.
void check_folder(Report& report, Context& ctx) {
  try {
    for (const auto& item : find_overrides(ctx, this_folder()))
      report.add(Level::warn, item.where() + ": " + item.problem + "; " + item.fix);
  } catch (const Failure& failure) {
    report.add(Level::warn, std::string("this folder was not checked: ") + failure.what());
  }
}

}  // namespace

int run_doctor(Context& ctx, const CommandLine& line) {
  const http::Settings settings = network_settings(line.result(), ctx.env);
  Report report(ctx.out);
  const ProfileStore store = store_for(ctx);
  std::error_code error;
  if (!std::filesystem::exists(store.path(), error)) {
    report.add(Level::info, "no profiles file at " + store.path().string() + " yet: run 'triplydb-profile add NAME'");
  } else {
    report_permissions(report, store.path());
    std::optional<ProfileDocument> document;
    try {
      document = store.load();
      const auto count = document->profiles().profiles.size();
      report.add(Level::ok, store.path().string() + " is valid (" + std::to_string(count) + (count == 1 ? " profile)" : " profiles)"));
      for (const auto& note : document->unknown_keys()) report.add(Level::warn, store.located(note));
    } catch (const Failure& failure) {
      report.add(Level::fail, failure.what());
    }
    if (document) {
      const ProfileSet& set = document->profiles();
      if (set.default_name && !set.find(*set.default_name))
        report.add(Level::fail, "the default profile '" + *set.default_name +
                                    "' does not exist: run "
                                    "'triplydb-profile default NAME' or 'triplydb-profile default --unset'");
      else if (set.default_name)
        report.add(Level::ok, "default profile '" + *set.default_name + "'");
      check_token_locations(report, ctx, set);
      check_tokens(report, set, epoch_seconds(ctx.now), line.flag("online"));
      if (line.flag("online")) check_online(report, ctx, set, settings);
    }
  }
  check_folder(report, ctx);
  if (auto official = find_on_path(ctx.env, "triplydb"))
    report.add(Level::ok, "official TriplyDB CLI: " + official->string());
  else
    report.add(
        Level::info,
        "the official TriplyDB CLI is not on PATH (npm install -g @triply/triplydb as root, or for yourself: npm install -g --prefix "
        "\"$HOME/.local\" @triply/triplydb, with ~/.local/bin on PATH); 'triplydb' "
        "passes commands that are not ours to it");
  check_network_helper(report, ctx.program_path);
  if (auto helper = find_helper(ctx.program_path, keyring_helper_name))
    report.add(Level::ok, "keyring helper: " + helper->string());
  else
    report.add(Level::info,
               missing_helper_message(ctx.program_path, keyring_helper_name, "keyring helper") + ": add --keyring is not available");
  check_shell_integration(report, ctx.env);
  return report.failed() ? exit_failure : 0;
}

}  // namespace tdb
