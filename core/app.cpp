#include "app.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <ostream>

#include "commands/command.hpp"
#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "model/profile.hpp"
#include "model/token.hpp"
#include "shell/shell_init.hpp"
#include "store/profile_store.hpp"
#include "util/error.hpp"
#include "util/visible_text.hpp"

namespace tdb {

namespace {

void print_usage(std::ostream& out) {
  out << "triplydb-profile " TRIPLYDB_VERSION ": named TriplyDB API token profiles\n\n"
      << "Usage: triplydb-profile COMMAND [OPTIONS]\n\nCommands:\n";
  for (const auto& command : all_commands()) {
    std::string name(command.name);
    name.resize(12, ' ');
    out << "  " << name << command.summary << (command.function_only ? " (shell function only)" : "") << "\n";
  }
  out << "\n'triplydb-profile COMMAND --help' describes a command.\n"
      << "Profiles file: $TRIPLYDB_PROFILES, else $XDG_CONFIG_HOME/triplydb/profiles.yaml, else ~/.config/triplydb/profiles.yaml\n";
}

std::string unknown_command_message(const std::string& word) {
  if (const Command* command = find_command(word); command && command->function_only)
    return "'" + word +
           "' changes the shell's environment, which only the shell function can do: add "
           "'eval \"$(triplydb-profile init bash)\"' (or zsh, fish, pwsh) to your shell's start-up file, then run 'triplydb " +
           word + "'";
  std::vector<std::string> names;
  for (const auto& command : all_commands())
    if (!command.function_only) names.emplace_back(command.name);
  std::string message = "unknown command '" + word + "'";
  if (auto suggestion = closest_name(word, names)) message += "; did you mean '" + *suggestion + "'?";
  return message + " (see 'triplydb-profile --help')";
}

// Like ssh with ~/.ssh: a profiles file others can read is reported on every command, on
// standard error only (the shell function evaluates standard output).
void warn_about_permissions(Context& ctx) {
  try {
    for (const auto& finding : check_permissions(locate_profiles_file(ctx.env)))
      ctx.err << "triplydb-profile: warning: " << finding.message() << "\n";
  } catch (const Failure&) {
    // No file to check (no HOME, a link loop): the command itself says so when it needs the file.
  }
}

// Commands whose standard output is read by a shell or a program, byte for byte.
bool prints_machine_text(const std::vector<std::string>& words) {
  static constexpr std::string_view raw[] = {"env", "token", "init", "completion", "exec"};
  return !words.empty() && std::find(std::begin(raw), std::end(raw), words.front()) != std::end(raw);
}

int run_command(Context& ctx, const std::vector<std::string>& words) {
  try {
    if (words.empty()) {
      print_usage(ctx.err);
      return exit_usage;
    }
    const std::string& first = words.front();
    // The shell function hands over the words that are not ours this way.
    if (first == official_cli_word) return run_official_cli(ctx, Arguments(words.begin() + 1, words.end()));
    if (first == "--help" || first == "-h" || first == "help") {
      if (words.size() < 2) {
        print_usage(ctx.out);
        return 0;
      }
      if (std::find(official_cli_commands.begin(), official_cli_commands.end(), words[1]) != official_cli_commands.end())
        return run_official_cli(ctx, {"help", words[1]});
      if (!find_command(words[1])) throw UsageError(unknown_command_message(words[1]));
      return run_command(ctx, {words[1], "--help"});
    }
    if (first == "--version" || first == "-V") {
      ctx.out << "triplydb-profile " TRIPLYDB_VERSION "\n";
      return 0;
    }
    const Command* command = find_command(first);
    if (!command) throw UsageError(unknown_command_message(first));
    const Arguments args(words.begin() + 1, words.end());
    const bool wants_help =
        std::find_if(args.begin(), args.end(), [](const std::string& w) { return w == "--help" || w == "-h"; }) != args.end();
    // use and off: their help is here, what they do is in the shell function.
    if (!command->run && !wants_help) throw UsageError(unknown_command_message(first));
    if (command->run) warn_about_permissions(ctx);
    CommandLine line(*command);
    if (!line.parse(ctx, args)) return 0;  // --help
    return command->run(ctx, line);
  } catch (const Failure& failure) {
    ctx.out.flush();
    ctx.err << "triplydb-profile: " << mask_tokens_in(failure.what()) << "\n";
    return failure.exit_code();
  } catch (const std::exception& unexpected) {
    ctx.out.flush();
    ctx.err << "triplydb-profile: " << mask_tokens_in(unexpected.what()) << "\n";
    return exit_failure;
  }
}

// The hints name the command the user typed: the shell function says its own name for the run
// (TRIPLYDB_FUNCTION_NAME), and then 'triplydb-profile add prod' reads 'triplydb add prod'.
VisibleTextBuffer::Redact hint_rewriter(const Environment& env, bool mask) {
  auto function = env.get("TRIPLYDB_FUNCTION_NAME");
  if (!function || !is_valid_function_name(*function)) {
    if (mask) return mask_tokens_in;
    return nullptr;
  }
  return [typed = "'" + *function + " ", mask](std::string_view text) {
    std::string result(text);
    for (std::string_view ours : {"'triplydb-profile ", "'triplydb "})
      for (auto at = result.find(ours); at != std::string::npos; at = result.find(ours, at + typed.size()))
        result.replace(at, ours.size(), typed);
    return mask ? mask_tokens_in(result) : result;
  };
}

}  // namespace

// Standard error, and standard output of the commands for people, pass through visible_text():
// what a server, a token or the file says cannot drive the terminal, and no token reaches stderr.
int run_program(Context& ctx, const std::vector<std::string>& words) {
  VisibleTextBuffer err_buffer(ctx.err, hint_rewriter(ctx.env, true));
  std::ostream err(&err_buffer);
  err.setf(std::ios::unitbuf);  // as std::cerr: a finished line is out at once, before exec replaces the process
  std::optional<VisibleTextBuffer> out_buffer;
  std::optional<std::ostream> visible_out;
  if (!prints_machine_text(words)) visible_out.emplace(&out_buffer.emplace(ctx.out, hint_rewriter(ctx.env, false)));
  Context filtered{.env = ctx.env,
                   .in = ctx.in,
                   .out = visible_out ? *visible_out : ctx.out,
                   .err = err,
                   .stdin_is_terminal = ctx.stdin_is_terminal,
                   .stdout_is_terminal = ctx.stdout_is_terminal,
                   .stderr_is_terminal = ctx.stderr_is_terminal,
                   .program_path = ctx.program_path,
                   .now = ctx.now};
  return run_command(filtered, words);
}

}  // namespace tdb
