// env NAME --shell SHELL: the statements the shell function evaluates for `use` and `off`. An
// expired token is refused (--force activates it anyway), one that expires within a week warned of.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "shell/shell_script.hpp"
#include "util/error.hpp"

namespace tdb {

int run_env(Context& ctx, const CommandLine& line) {
  auto shell_word = line.text("shell");
  if (!shell_word) throw UsageError("env: --shell is required: " + std::string(shell_names));
  auto shell = parse_shell(*shell_word);
  if (!shell) throw UsageError("env: unknown shell '" + *shell_word + "'; use " + std::string(shell_names));

  if (line.flag("unset")) {
    if (!line.positional().empty()) throw UsageError("env: give NAME or --unset, not both");
    ctx.out << render_deactivation(*shell);
    return 0;
  }
  if (line.positional().empty()) throw UsageError("env: name a profile, or give --unset");
  Profile profile = with_token(ctx, require_profile(store_for(ctx).read(ctx.now), line.positional().front()));
  if (auto expired = expired_token_message(ctx, profile)) {
    if (!line.flag("force"))
      throw Failure(*expired + ", or 'triplydb use " + profile.name + " --force' to activate it anyway; nothing was changed");
    ctx.err << "triplydb-profile: warning: " << *expired << "\n";
  } else if (auto expiring = expiring_token_message(ctx, profile, 7)) {
    ctx.err << "triplydb-profile: warning: " << *expiring << "\n";
  }
  auto script = render_activation(*shell, profile);
  if (!script) throw Failure("profile '" + profile.name + "' cannot be written for " + *shell_word + ": " + script.error().message);
  ctx.out << *script;
  // What `use` says on a terminal; nothing in scripts or with use -q, which leaves --announce out.
  if (line.flag("announce") && ctx.stderr_is_terminal)
    ctx.err << "Switched to '" << profile.name << "' (" << profile.instance << (profile.account ? ", account " + *profile.account : "")
            << ")\n";
  return 0;
}

}  // namespace tdb
