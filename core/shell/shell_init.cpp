#include "shell/shell_init.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <string>
#include <utility>

#include <embedded_shells.hpp>

namespace tdb {

namespace {

// Placeholders in shells/*: they keep each file valid for its shell's parser and linters.
constexpr std::string_view function_placeholder = "__TRIPLYDB_CMD__";
constexpr std::string_view program_placeholder = "'__TRIPLYDB_BIN__'";
constexpr std::string_view commands_placeholder = "__TRIPLYDB_COMMANDS__";
constexpr std::string_view completion_line = "__TRIPLYDB_COMPLETION__";
constexpr std::string_view activation_line = "__TRIPLYDB_DEFAULT_ACTIVATION__";
constexpr std::string_view auto_begin_line = "__TRIPLYDB_AUTO_BEGIN__";  // the hook's registration, to
constexpr std::string_view auto_end_line = "__TRIPLYDB_AUTO_END__";      // leave out for --no-auto

std::string_view integration_template(Shell shell, bool functions_only) {
  switch (shell) {
    case Shell::bash:
      return functions_only ? embedded::shells_triplydb_bash : embedded::shells_triplydb_loader_bash;
    case Shell::zsh:
      return functions_only ? embedded::shells_triplydb_zsh : embedded::shells_triplydb_loader_zsh;
    case Shell::fish:
      return embedded::shells_triplydb_fish;
    case Shell::pwsh:
      return embedded::shells_triplydb_ps1;
    case Shell::nu:
      return embedded::shells_triplydb_nu;
    case Shell::elvish:
      return embedded::shells_triplydb_elv;
    case Shell::xonsh:
      return embedded::shells_triplydb_xsh;
    default:
      return {};
  }
}

// Our commands as the shell's dispatch list writes them: a case pattern for bash and zsh, words for
// fish's case and elvish's list, the items of a quoted list for pwsh, xonsh and nu
// ('__TRIPLYDB_COMMANDS__' in the file).
std::string_view command_separator(Shell shell) {
  switch (shell) {
    case Shell::fish:
    case Shell::elvish:
      return " ";
    case Shell::pwsh:
    case Shell::xonsh:
      return "', '";
    case Shell::nu:
      return "' '";
    default:
      return " | ";
  }
}

std::string command_list(Shell shell, const std::vector<std::string_view>& commands) {
  const std::string_view separator = command_separator(shell);
  std::string list;
  for (auto command : commands) list.append(list.empty() ? "" : separator).append(command);
  return list;
}

// Appends `line` with each placeholder replaced by its value; what is filled in is never searched.
void append_filled(std::string& out, std::string_view line, const std::array<std::pair<std::string_view, std::string_view>, 3>& values) {
  while (true) {
    std::size_t at = std::string_view::npos;
    const std::pair<std::string_view, std::string_view>* found = nullptr;
    for (const auto& value : values) {
      if (auto here = line.find(value.first); here < at) {
        at = here;
        found = &value;
      }
    }
    if (!found) break;
    out.append(line.substr(0, at)).append(found->second);
    line.remove_prefix(at + found->first.size());
  }
  out.append(line);
}

}  // namespace

std::optional<Shell> parse_integration_shell(std::string_view name) {
  auto shell = parse_shell(name);
  if (!shell || integration_template(*shell, false).empty()) return std::nullopt;
  return shell;
}

std::string_view completion_script(Shell shell) {
  switch (shell) {
    case Shell::bash:
      return embedded::completions_triplydb_profile_bash;
    case Shell::zsh:
      return embedded::completions__triplydb_profile;
    case Shell::fish:
      return embedded::completions_triplydb_profile_fish;
    case Shell::pwsh:
      return embedded::completions_triplydb_profile_ps1;
    case Shell::nu:
      return embedded::completions_triplydb_profile_nu;
    case Shell::elvish:
      return embedded::completions_triplydb_profile_elv;
    case Shell::xonsh:
      return embedded::completions_triplydb_profile_xsh;
    default:
      return {};
  }
}

bool loads_functions_on_first_use(Shell shell) { return shell == Shell::bash || shell == Shell::zsh; }

bool activates_default_when_loaded(Shell shell) { return shell == Shell::nu; }

bool is_valid_function_name(std::string_view name) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (name.empty() || name.size() > 64 || !letter(name.front())) return false;
  for (char c : name) {
    if (!letter(c) && !digit(c) && c != '-') return false;
  }
  return name != "triplydb-profile";
}

std::optional<std::string_view> reserved_shell_word(std::string_view name) {
  // bash, zsh, fish and PowerShell keywords (case-insensitive in PowerShell, so compared lowered).
  static constexpr std::string_view keywords[] = {
      "!",      "[[",    "]]",      "{",       "}",      "and",          "begin",     "break",    "case",   "catch", "class", "continue",
      "coproc", "data",  "define",  "do",      "done",   "dynamicparam", "elif",      "else",     "elseif", "end",   "enum",  "esac",
      "exit",   "fi",    "filter",  "finally", "for",    "foreach",      "from",      "function", "hidden", "if",    "in",    "not",
      "or",     "param", "process", "repeat",  "return", "select",       "static",    "switch",   "then",   "throw", "time",  "trap",
      "try",    "until", "using",   "var",     "while",  "workflow",     "nocorrect", "noglob",   "let"};
  // Builtins (and PowerShell's default aliases of them) that scripts and the shells rely on.
  static constexpr std::string_view builtins[] = {
      "alias",    "bg",     "bind",    "builtin", "caller",    "cat",     "cd",     "command", "compgen", "complete", "compopt",
      "contains", "count",  "declare", "dirs",    "disown",    "echo",    "emit",   "emulate", "enable",  "eval",     "exec",
      "export",   "false",  "fc",      "fg",      "functions", "getopts", "hash",   "help",    "history", "jobs",     "kill",
      "local",    "logout", "ls",      "mapfile", "popd",      "print",   "printf", "pushd",   "pwd",     "read",     "readonly",
      "set",      "setopt", "shift",   "shopt",   "source",    "status",  "string", "test",    "times",   "true",     "type",
      "typeset",  "ulimit", "umask",   "unalias", "unset",     "wait",    "which"};
  std::string lowered(name);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(std::begin(keywords), std::end(keywords), lowered) != std::end(keywords)) return "keyword";
  if (std::find(std::begin(builtins), std::end(builtins), lowered) != std::end(builtins)) return "builtin";
  return std::nullopt;
}

Expected<std::string> render_init(const InitRequest& request) {
  auto program = quote(request.shell, request.program.string());
  if (!program) return Problem{"the program's path cannot be written for this shell: " + program.error().message};
  // Line by line, so that nothing filled in (a path, an account) is searched for placeholders.
  const std::string commands = command_list(request.shell, request.commands);
  const std::array<std::pair<std::string_view, std::string_view>, 3> values{
      {{function_placeholder, request.function_name}, {program_placeholder, *program}, {commands_placeholder, commands}}};
  std::string_view rest = integration_template(request.shell, request.functions_only);
  std::string text;
  text.reserve(rest.size() + 1024);
  bool skipping_hook = false;
  while (!rest.empty()) {
    auto end = rest.find('\n');
    end = end == std::string_view::npos ? rest.size() : end + 1;
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end);
    if (line.find(auto_begin_line) != std::string_view::npos) {
      skipping_hook = !request.auto_switch;
    } else if (line.find(auto_end_line) != std::string_view::npos) {
      skipping_hook = false;
    } else if (skipping_hook) {
      continue;
    } else if (line.find(completion_line) != std::string_view::npos) {
      text += completion_script(request.shell);
    } else if (auto marker = line.find(activation_line); marker != std::string_view::npos) {
      // Without a default the line keeps only what stands before its `# marker` comment; where the
      // shell activates the default itself (nu), that is the statement, dropped by --no-default.
      auto kept = line.substr(0, line.find_last_not_of(" #", marker - 1) + 1);
      if (activates_default_when_loaded(request.shell))
        text += request.activate_default ? std::string(kept) + "\n" : "\n";
      else
        text += request.default_activation ? *request.default_activation : std::string(kept) + "\n";
    } else {
      append_filled(text, line, values);
    }
  }
  return text;
}

}  // namespace tdb
