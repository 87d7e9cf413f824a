// exec NAME [--] [CMD [ARG...]]: run CMD (or $SHELL) with the profile's variables, without a shell in between.
// The token travels in the environment only, never as an argument.
#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "shell/shell_script.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

Environment environment_for(const Context& ctx, const Profile& profile) {
  Environment env = ctx.env;
  env.unset("TRIPLYDB_FUNCTION_NAME");  // the function's name was for this program's hints, not the command's
  for (const auto& [name, value] : profile_assignments(profile)) {
    if (value)
      env.set(std::string(name), *value);
    else
      env.unset(std::string(name));
  }
  return env;
}

// Without a command, a shell with the profile (as aws-vault exec does): $SHELL, else /bin/sh.
Arguments command_or_shell(const Context& ctx, const Arguments& command) {
  if (!command.empty()) return command;
  auto shell = ctx.env.get("SHELL");
  return {shell && !shell->empty() ? *shell : std::string("/bin/sh")};
}

}  // namespace

int run_exec(Context& ctx, const CommandLine& line) {
  Arguments command = command_or_shell(ctx, line.rest());
  Profile profile = with_token(ctx, require_profile(store_for(ctx).read(ctx.now), line.positional().front()));

  return replace_process(ctx, command, environment_for(ctx, profile));
}

}  // namespace tdb
