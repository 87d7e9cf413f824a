// exec NAME [--] [CMD [ARG...]]: run CMD (or $SHELL) with the profile's variables, without a shell in between.
// The token travels in the environment only, never as an argument.
#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "model/project_file.hpp"
#include "shell/shell_script.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

Environment environment_for(Environment env, const Profile& profile) {
  for (const auto& [name, value] : profile.vars) env.set(name, value);
  for (const auto& [name, value] : profile_assignments(profile)) {
    if (value)
      env.set(std::string(name), *value);
    else
      env.unset(std::string(name));
  }
  return env;
}

// `--as PREFIX=NAME`: PREFIX_TOKEN, PREFIX_API and PREFIX_ACCOUNT for the profile NAME, for
// pipelines that talk to several instances; `--as NAME` sets the plain variables.
void add_prefixed(Context& ctx, Environment& env, const ProfileReader& reader, const std::string& spec) {
  const auto equals = spec.find('=');
  const std::string prefix = equals == std::string::npos ? "" : spec.substr(0, equals);
  const std::string name = equals == std::string::npos ? spec : spec.substr(equals + 1);
  require_valid_name(name);
  if (equals != std::string::npos) {
    if (auto refused = explain_refused_variable(prefix + "_TOKEN"))
      throw UsageError("exec: --as " + spec + ": the prefix '" + prefix + "' cannot be used: " + *refused);
  }
  const Profile profile = with_token(ctx, require_profile(reader, name));
  if (prefix.empty()) {
    env = environment_for(std::move(env), profile);
    return;
  }
  const auto assignments = profile_assignments(profile);
  for (std::size_t i : {0u, 1u, 3u}) {  // TOKEN, API, ACCOUNT: the profile's name is not exported per prefix
    const std::string variable = prefix + std::string(assignments[i].first).substr(std::string_view("TRIPLYDB").size());
    if (assignments[i].second)
      env.set(variable, *assignments[i].second);
    else
      env.unset(variable);
  }
}

// Without a command, a shell with the profile (as aws-vault exec does): $SHELL, else /bin/sh.
Arguments command_or_shell(const Context& ctx, const Arguments& command) {
  if (!command.empty()) return command;
  auto shell = ctx.env.get("SHELL");
  return {shell && !shell->empty() ? *shell : std::string("/bin/sh")};
}

}  // namespace

int run_exec(Context& ctx, const CommandLine& line) {
  const Arguments command = command_or_shell(ctx, line.rest());
  const auto prefixed = line.every("as");
  if (line.positional().empty() && prefixed.empty())
    throw UsageError("exec: name a profile, or give --as PREFIX=NAME (see 'triplydb-profile exec --help')");
  const ProfileReader reader = store_for(ctx).read(ctx.now);
  Environment child_env = ctx.env;
  child_env.unset("TRIPLYDB_FUNCTION_NAME");  // the function's name was for this program's hints, not the command's
  if (!line.positional().empty())
    child_env = environment_for(std::move(child_env), with_token(ctx, require_profile(reader, line.positional().front())));
  for (const auto& spec : prefixed) add_prefixed(ctx, child_env, reader, spec);
  return replace_process(ctx, command, child_env);
}

}  // namespace tdb
