#include "shell/shell_init.hpp"

#include <algorithm>
#include <array>
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
    default:
      return {};
  }
}

// Our commands as the shell's dispatch list writes them: a case pattern for bash and zsh, case
// words for fish, the items of a quoted list for pwsh ('__TRIPLYDB_COMMANDS__' in the file).
std::string command_list(Shell shell, const std::vector<std::string_view>& commands) {
  const std::string_view separator = shell == Shell::fish ? " " : shell == Shell::pwsh ? "', '" : " | ";
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
    default:
      return {};
  }
}

bool loads_functions_on_first_use(Shell shell) { return shell == Shell::bash || shell == Shell::zsh; }

bool is_valid_function_name(std::string_view name) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (name.empty() || name.size() > 64 || !letter(name.front())) return false;
  for (char c : name) {
    if (!letter(c) && !digit(c) && c != '-') return false;
  }
  return name != "triplydb-profile";
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
      // Without a default the line keeps only what stands before its `# marker` comment.
      auto kept = line.substr(0, line.find_last_not_of(" #", marker - 1) + 1);
      text += request.default_activation ? *request.default_activation : std::string(kept) + "\n";
    } else {
      append_filled(text, line, values);
    }
  }
  return text;
}

}  // namespace tdb
