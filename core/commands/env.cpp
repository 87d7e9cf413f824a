// env NAME --shell SHELL: the statements the shell function evaluates for `use` and `off`. An
// expired token is refused (--force activates it anyway), one that expires within a week warned of.
#include <algorithm>
#include <filesystem>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "shell/shell_script.hpp"
#include "store/safe_write.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace tdb {

namespace {

// The git work tree `folder` is in: the nearest folder above it with a .git.
std::optional<std::filesystem::path> work_tree_of(std::filesystem::path folder) {
  for (;; folder = folder.parent_path()) {
    std::error_code ec;
    if (std::filesystem::exists(folder / ".git", ec)) return folder;
    if (folder == folder.root_path() || folder.empty()) return std::nullopt;
  }
}

// --output FILE: the statements (for editors and CI: a .env) in a file only the user can read,
// replaced in one step; a warning when git would commit it.
void write_private_file(Context& ctx, const std::string& name, const std::string& text) {
  const std::filesystem::path path = std::filesystem::absolute(name);
  AtomicFile file(path, std::nullopt);  // 0600
  file.write(text);
  file.commit();
  ctx.out << "Wrote " << path.string() << " (only you can read it).\n";
  const auto tree = work_tree_of(path.parent_path());
  if (!tree) return;
  auto ignored = run_process({{"git", "-C", tree->string(), "check-ignore", "-q", "--", path.string()}, std::nullopt}, ctx.env);
  if (ignored && ignored->status == 0) return;
  ctx.err << "triplydb-profile: warning: " << path.string() << " holds a token and git does not ignore it; add '"
          << path.filename().string() << "' to " << (*tree / ".gitignore").string() << "\n";
}

// The `vars:` of the profile this shell has now, which the next activation or `off` removes.
Variables active_vars(const Context& ctx, const ProfileReader& reader) {
  const auto name = ctx.env.get("TRIPLYDB_PROFILE");
  if (!name || name->empty()) return {};
  const auto profile = reader.find(*name);
  return profile ? profile->vars : Variables{};
}

// Of `old`, the variables that `profile` does not set again.
Variables left_over(const Variables& old, const Profile& profile) {
  Variables stale;
  for (const auto& var : old) {
    const bool again = std::any_of(profile.vars.begin(), profile.vars.end(), [&](const auto& v) { return v.first == var.first; });
    if (!again) stale.push_back(var);
  }
  return stale;
}

}  // namespace

int run_env(Context& ctx, const CommandLine& line) {
  auto shell_word = line.text("shell");
  if (!shell_word) throw UsageError("env: --shell is required: " + std::string(shell_names));
  auto shell = parse_shell(*shell_word);
  if (!shell) throw UsageError("env: unknown shell '" + *shell_word + "'; use " + std::string(shell_names));

  if (line.flag("unset")) {
    if (!line.positional().empty()) throw UsageError("env: give NAME or --unset, not both");
    ctx.out << render_deactivation(*shell, active_vars(ctx, store_for(ctx).read(ctx.now)));
    return 0;
  }
  if (line.positional().empty()) throw UsageError("env: name a profile, or give --unset");
  const ProfileReader reader = store_for(ctx).read(ctx.now);
  Profile profile = with_token(ctx, require_profile(reader, line.positional().front()));
  if (auto expired = expired_token_message(ctx, profile)) {
    if (!line.flag("force"))
      throw Failure(*expired + ", or 'triplydb use " + profile.name + " --force' to activate it anyway; nothing was changed");
    ctx.err << "triplydb-profile: warning: " << *expired << "\n";
  } else if (auto expiring = expiring_token_message(ctx, profile, 7)) {
    ctx.err << "triplydb-profile: warning: " << *expiring << "\n";
  }
  // A shell switching profiles loses the extra variables of the one it had.
  const bool for_a_shell = *shell != Shell::json && *shell != Shell::dotenv;
  auto script = render_switch(*shell, profile, for_a_shell ? left_over(active_vars(ctx, reader), profile) : Variables{});
  if (!script) throw Failure("profile '" + profile.name + "' cannot be written for " + *shell_word + ": " + script.error().message);
  if (auto output = line.text("output")) {
    write_private_file(ctx, *output, *script);
    return 0;
  }
  ctx.out << *script;
  // What `use` says on a terminal; nothing in scripts or with use -q, which leaves --announce out.
  if (line.flag("announce") && ctx.stderr_is_terminal)
    ctx.err << "Switched to '" << profile.name << "' (" << profile.instance << (profile.account ? ", account " + *profile.account : "")
            << ")\n";
  return 0;
}

}  // namespace tdb
