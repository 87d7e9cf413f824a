#pragma once
// The command line, declared once: every subcommand with its summary, synopsis, description,
// options and positional words. The parser, --help, the man page check, the shell functions'
// dispatch lists and all TAB completion are built from this table (table.cpp).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/context.hpp"

namespace tdb {

using Arguments = std::vector<std::string>;  // the words after the subcommand's name

// What a word stands for: how TAB completes it (and, for options, whether one follows at all).
enum class ValueKind : std::uint8_t {
  none,               // an option that is a flag
  profile,            // a profile name
  profile_or_dash,    // a profile name, or "-" for the previous one
  shell,              // bash, zsh, fish, pwsh, posix, dotenv, json
  integration_shell,  // bash, zsh, fish, pwsh
  file,
  url,
  seconds,
  text,     // free text: nothing to offer
  command,  // a program on PATH, then its own arguments
};

struct OptionSpec {
  std::string_view name;  // without the leading "--"
  std::string_view help;
  ValueKind value = ValueKind::none;
  std::string_view value_name = {};     // e.g. "URL", shown in --help
  std::string_view default_value = {};  // what the option is when not given
  std::string_view short_name = {};     // e.g. "y" for -y, when it has one
};

struct PositionalSpec {
  std::string_view name;  // e.g. "NAME", as in the synopsis
  ValueKind kind;
};

class CommandLine;

struct Command {
  std::string_view name;
  std::string_view summary;      // one line, for the command list
  std::string_view synopsis;     // what follows the name, e.g. "NAME [--json]"
  std::string_view description;  // the paragraph of --help
  std::span<const OptionSpec> options = {};
  std::span<const PositionalSpec> positionals = {};  // in order; the first `required` must be given
  std::size_t required = 0;
  // exec: the words after "--" are a command to run, not ours.
  bool takes_command = false;
  // use and off change the shell's environment: only the shell function runs them.
  bool function_only = false;
  int (*run)(Context&, const CommandLine&) = nullptr;
};

// The official TriplyDB CLI's subcommands, which the shell function passes to it.
inline constexpr std::array<std::string_view, 3> official_cli_commands{"import-from-file", "upload-asset", "run-pipeline"};
// The first word with which the shell function hands the program a word that is not ours.
inline constexpr std::string_view official_cli_word = "--official-cli";

// Every subcommand, in the order --help lists them; the function-only ones included.
std::span<const Command> all_commands();
const Command* find_command(std::string_view name);
const OptionSpec* find_option(const Command& command, std::string_view name);

}  // namespace tdb
