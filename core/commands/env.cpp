// env NAME --shell SHELL: the statements the shell function evaluates for `use` and `off`.
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
  auto script = render_activation(*shell, profile);
  if (!script) throw Failure("profile '" + profile.name + "' cannot be written for " + *shell_word + ": " + script.error().message);
  ctx.out << *script;
  return 0;
}

}  // namespace tdb
