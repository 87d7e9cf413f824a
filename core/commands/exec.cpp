// exec NAME -- CMD [ARG...]: run CMD with the profile's variables, without a shell in between.
// The token travels in the environment only, never as an argument.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "model/project_file.hpp"
#include "shell/shell_script.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

constexpr int exit_not_executable = 126;
constexpr int exit_not_found = 127;

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

}  // namespace

int run_exec(Context& ctx, const CommandLine& line) {
  const Arguments& command = line.rest();
  if (command.empty()) throw UsageError("exec: name the command to run after '--', e.g. 'triplydb-profile exec prod -- env'");
  const auto prefixed = line.every("as");
  if (line.positional().empty() && prefixed.empty())
    throw UsageError("exec: name a profile, or give --as PREFIX=NAME (see 'triplydb-profile exec --help')");
  const ProfileReader reader = store_for(ctx).read(ctx.now);
  Environment child_env = ctx.env;
  if (!line.positional().empty()) child_env = environment_for(ctx.env, with_token(ctx, require_profile(reader, line.positional().front())));
  for (const auto& spec : prefixed) add_prefixed(ctx, child_env, reader, spec);
  std::vector<std::string> entries;
  for (const auto& [name, value] : child_env.all()) entries.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (auto& word : command) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);

  ctx.out.flush();
  ::execvpe(argv[0], argv.data(), envp.data());
  int error = errno;
  ctx.err << "triplydb-profile: exec: " << command.front() << ": " << std::strerror(error) << "\n";
  return error == ENOENT || error == ENOTDIR ? exit_not_found : exit_not_executable;
}

}  // namespace tdb
