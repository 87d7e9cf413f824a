// doctor [--online]: check what can silently go wrong: the file's permissions and syntax, the
// default, where each token lives (and whether the keyring answers), token expiry, the official
// CLI, the helpers and the shell integration; --online asks every instance.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <tuple>

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

void check_tokens(Report& report, const ProfileSet& set, std::int64_t now) {
  std::size_t fine = 0;
  for (const auto& profile : set.profiles) {
    if (!profile.has_stored_token()) {  // its token is read only when needed; --online asks for it
      ++fine;
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
  if (fine > 0)
    report.add(Level::ok,
               std::to_string(fine) + " of " + std::to_string(set.profiles.size()) + " tokens are valid for at least 14 more days");
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

// A program cannot see its parent shell's functions, so look for the init line in start-up files.
void check_shell_integration(Report& report, const Environment& env) {
  const auto home = env.get("HOME");
  if (!home) return report.add(Level::info, "HOME is not set: shell integration not checked");
  const std::filesystem::path h(*home);
  const auto config = env.get("XDG_CONFIG_HOME").value_or((h / ".config").string());
  const std::filesystem::path files[] = {h / ".bashrc", h / ".bash_profile", h / ".zshrc",
                                         std::filesystem::path(config) / "fish" / "config.fish",
                                         std::filesystem::path(config) / "powershell" / "Microsoft.PowerShell_profile.ps1"};
  for (const auto& file : files)
    if (file_mentions(file, "triplydb-profile init")) return report.add(Level::ok, "shell integration is set up in " + file.string());
  report.add(Level::warn,
             "no 'triplydb-profile init' line in ~/.bashrc, ~/.zshrc, config.fish or the PowerShell "
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
      check_tokens(report, set, epoch_seconds(ctx.now));
      if (line.flag("online")) check_online(report, ctx, set, settings);
    }
  }
  check_folder(report, ctx);
  if (auto official = find_on_path(ctx.env, "triplydb"))
    report.add(Level::ok, "official TriplyDB CLI: " + official->string());
  else
    report.add(Level::info,
               "the official TriplyDB CLI is not on PATH (npm install -g @triply/triplydb); 'triplydb' "
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
