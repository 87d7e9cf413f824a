// What the shell function does with a word that is not one of our commands: a word close to one of
// ours is a typo (did you mean), anything else belongs to the official TriplyDB CLI when it is on PATH.
#include <algorithm>

#include "commands/command.hpp"
#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "model/profile.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

bool is_official_command(std::string_view word) {
  return std::find(official_cli_commands.begin(), official_cli_commands.end(), word) != official_cli_commands.end();
}

std::optional<std::string> our_closest_command(std::string_view word) {
  std::vector<std::string> names;
  for (const auto& command : all_commands()) names.emplace_back(command.name);
  return closest_name(word, names);
}

// The official CLI's help prints the default of its --token option, which is $TRIPLYDB_TOKEN.
bool asks_for_help(const Arguments& args) {
  return (!args.empty() && args.front() == "help") ||
         std::any_of(args.begin(), args.end(), [](const std::string& word) { return word == "--help" || word == "-h"; });
}

}  // namespace

int run_official_cli(Context& ctx, const Arguments& args) {
  const std::string word = args.empty() ? "" : args.front();
  if (!is_official_command(word) && !word.starts_with('-')) {
    if (auto suggestion = our_closest_command(word))
      throw UsageError("unknown command '" + word + "'; did you mean '" + *suggestion + "'? (see 'triplydb-profile --help')");
  }
  auto official = find_on_path(ctx.env, "triplydb");
  if (!official) {
    constexpr int exit_not_found = 127;
    throw Failure("'" + word + "' is not a triplydb-profile command" +
                      (is_official_command(word) ? ", and the official TriplyDB CLI (which has it) is not on PATH"
                                                 : " (see 'triplydb-profile --help'); the official TriplyDB CLI is not on PATH") +
                      // A leading ~ is expanded in a program's argument by every shell we support; "$HOME" is
                      // not, in nushell's and elvish's strings.
                      "; install it with 'npm install --global @triply/triplydb' as root,\n"
                      "or for yourself (no root): npm install --global --prefix ~/.local @triply/triplydb, with ~/.local/bin on PATH",
                  exit_not_found);
  }
  Environment env = ctx.env;
  env.unset("TRIPLYDB_FUNCTION_NAME");  // the function's name was for this program's hints
  if (asks_for_help(args)) env.unset("TRIPLYDB_TOKEN");
  Arguments command{official->string()};
  command.insert(command.end(), args.begin(), args.end());
  return replace_process(ctx, command, env);
}

}  // namespace tdb
