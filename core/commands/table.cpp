#include <algorithm>
#include <array>

#include "commands/commands.hpp"

namespace tdb {

namespace {

constexpr std::array commands{
    Command{"add", "store a profile (token from standard input or a hidden prompt)", run_add},
    Command{"list", "profiles grouped by instance, tokens masked", run_list},
    Command{"show", "one profile with its token's claims", run_show},
    Command{"remove", "delete a profile", run_remove},
    Command{"rename", "rename a profile, keeping the default pointing at it", run_rename},
    Command{"default", "print or set the profile new shells start with", run_default},
    Command{"current", "the profile active in this shell", run_current},
    Command{"token", "print the raw token of a profile, for scripts", run_token},
    Command{"env", "print the statements that activate or deactivate a profile", run_env},
    Command{"exec", "run a command with a profile's variables set", run_exec},
    Command{"init", "print the shell integration: the triplydb function, its completion, the default profile", run_init},
    Command{"completion", "print the TAB completion script for a shell", run_completion},
    Command{"whoami", "ask the instance which account a profile's token belongs to", run_whoami},
    Command{"doctor", "check the profiles file, tokens and shell integration; --online asks the instances", run_doctor},
};

}  // namespace

std::span<const Command> all_commands() { return commands; }

const Command* find_command(std::string_view name) {
  auto it = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.name == name; });
  return it == commands.end() ? nullptr : &*it;
}

}  // namespace tdb
