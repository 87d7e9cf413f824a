// complete [--function] [--describe] -- WORD...: what TAB offers for the last word, from the
// command table. Every shell's completion asks this, one run per TAB, so nothing is listed twice.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "shell/shell_init.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

struct Candidate {
  std::string word;
  std::string description;
};

// Directives for the shell instead of words; no candidate starts with ':'.
constexpr std::string_view complete_files = ":files";
constexpr std::string_view complete_commands = ":commands";

class Candidates {
 public:
  Candidates(std::string_view prefix, bool describe) : prefix_(prefix), describe_(describe) {}
  void add(std::string_view word, std::string_view description = {}) {
    if (word.substr(0, prefix_.size()) == prefix_) found_.push_back({std::string(word), std::string(description)});
  }
  void directive(std::string_view what) { directive_ = what; }
  bool describe() const { return describe_; }

  void print(std::ostream& out) const {
    std::string text;
    if (!directive_.empty()) text.append(directive_).append("\n");
    for (const auto& [word, description] : found_) {
      text += word;
      if (describe_ && !description.empty()) text.append("\t").append(single_line(description));
      text += '\n';
    }
    out << text;
  }

 private:
  // Descriptions come from the file (account, instance): one line, no control characters.
  static std::string single_line(std::string_view text) {
    std::string line;
    for (char c : text) line += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
    return line;
  }

  std::string_view prefix_;
  bool describe_;
  std::string_view directive_;
  std::vector<Candidate> found_;
};

void add_profiles(Context& ctx, Candidates& out) {
  try {
    const ProfileReader reader = store_for(ctx).read(ctx.now);
    if (!out.describe()) {
      for (const auto& name : reader.names()) out.add(name);
      return;
    }
    for (const auto& profile : reader.all().profiles)
      out.add(profile.name, profile.instance + (profile.account ? " (" + *profile.account + ")" : ""));
  } catch (const Failure&) {
    // A broken file offers no names; the command itself will say what is wrong.
  }
}

void add_value(Context& ctx, ValueKind kind, Candidates& out) {
  switch (kind) {
    case ValueKind::profile_or_dash:
      out.add("-", "the previous profile of this shell");
      [[fallthrough]];
    case ValueKind::profile:
      add_profiles(ctx, out);
      break;
    case ValueKind::shell:
      for (auto shell : {Shell::bash, Shell::zsh, Shell::fish, Shell::pwsh, Shell::nu, Shell::elvish, Shell::xonsh, Shell::posix,
                         Shell::dotenv, Shell::json})
        out.add(shell_name(shell));
      break;
    case ValueKind::integration_shell:
      for (auto shell : {Shell::bash, Shell::zsh, Shell::fish, Shell::pwsh, Shell::nu, Shell::elvish, Shell::xonsh})
        out.add(shell_name(shell));
      break;
    case ValueKind::file:
      out.directive(complete_files);
      break;
    case ValueKind::command:
      out.directive(complete_commands);
      break;
    case ValueKind::none:
    case ValueKind::url:
    case ValueKind::seconds:
    case ValueKind::text:
      break;
  }
}

void add_subcommands(Context& ctx, bool function_mode, Candidates& out) {
  for (const auto& command : all_commands())
    if (function_mode || !command.function_only) out.add(command.name, command.summary);
  if (function_mode) {
    out.add("help", "describe the commands, or one of them");
    if (find_on_path(ctx.env, "triplydb"))
      for (auto official : official_cli_commands) out.add(official, "the official TriplyDB CLI");
  }
  out.add("--help", "describe the commands");
  out.add("--version", "print the version");
}

// The arguments of `command` before the current word decide what it may be.
void add_arguments(Context& ctx, const Command& command, const Arguments& before, std::string_view current, Candidates& out) {
  std::size_t position = 0;
  const OptionSpec* awaiting = nullptr;  // an option whose value is the next word
  std::optional<std::size_t> after_dashes;
  for (const auto& word : before) {
    if (after_dashes) {
      ++*after_dashes;
    } else if (awaiting) {
      awaiting = nullptr;
    } else if (word == "--" && command.takes_command) {
      after_dashes = 0;
    } else if (word.starts_with("--")) {
      const OptionSpec* option = find_option(command, std::string_view(word).substr(2));
      if (option && option->value != ValueKind::none) awaiting = option;
    } else if (!word.starts_with("-") || word == "-") {
      ++position;
    }
  }
  if (after_dashes) return add_value(ctx, *after_dashes == 0 ? ValueKind::command : ValueKind::file, out);
  if (awaiting) return add_value(ctx, awaiting->value, out);
  const bool wants_option = current.starts_with("-");
  if (wants_option) {
    for (const auto& option : command.options) out.add("--" + std::string(option.name), option.help);
    out.add("--help", "describe this command");
    if (command.takes_command) out.add("--", "the command to run follows");
  }
  if (position >= command.positionals.size()) return;
  const ValueKind kind = command.positionals[position].kind;
  if (!wants_option || kind == ValueKind::profile_or_dash) add_value(ctx, kind, out);
}

}  // namespace

int run_complete(Context& ctx, const CommandLine& line) {
  Arguments words = line.rest();
  if (words.empty()) words.emplace_back();
  const std::string current = words.back();
  const Arguments before(words.begin(), words.end() - 1);
  const bool function_mode = line.flag("function");
  Candidates out(current, line.flag("describe"));
  // `triplydb help <TAB>` offers what `triplydb <TAB>` does.
  if (before.empty() || (function_mode && before.size() == 1 && before.front() == "help")) {
    add_subcommands(ctx, function_mode, out);
  } else if (std::find(official_cli_commands.begin(), official_cli_commands.end(), before.front()) != official_cli_commands.end()) {
    if (function_mode) out.directive(complete_files);
  } else if (const Command* command = find_command(before.front()); command && (function_mode || !command->function_only)) {
    add_arguments(ctx, *command, Arguments(before.begin() + 1, before.end()), current, out);
  }
  out.print(ctx.out);
  return 0;
}

}  // namespace tdb
