// exec NAME -- CMD [ARG...]: run CMD with the profile's variables, without a shell in between.
// The token travels in the environment only, never as an argument.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "shell/shell_script.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

constexpr int exit_not_executable = 126;
constexpr int exit_not_found = 127;

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

}  // namespace

int run_exec(Context& ctx, const CommandLine& line) {
  const Arguments& command = line.rest();
  if (command.empty()) throw UsageError("exec: name the command to run after '--', e.g. 'triplydb-profile exec prod -- env'");
  Profile profile = with_token(ctx, require_profile(store_for(ctx).read(ctx.now), line.positional().front()));

  Environment child_env = environment_for(ctx, profile);
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
