#include "shell_init.hpp"

#include <embedded_shells.hpp>

namespace tdb {

namespace {

// Placeholders in shells/*: they keep each file valid for its shell's parser and linters.
constexpr std::string_view function_placeholder = "__TRIPLYDB_CMD__";
constexpr std::string_view program_placeholder = "'__TRIPLYDB_BIN__'";
constexpr std::string_view completion_line = "__TRIPLYDB_COMPLETION__";
constexpr std::string_view activation_line = "__TRIPLYDB_DEFAULT_ACTIVATION__";

std::string_view integration_template(Shell shell, bool functions_only) {
  switch (shell) {
    case Shell::bash: return functions_only ? embedded::shells_triplydb_bash : embedded::shells_triplydb_loader_bash;
    case Shell::zsh: return functions_only ? embedded::shells_triplydb_zsh : embedded::shells_triplydb_loader_zsh;
    case Shell::fish: return embedded::shells_triplydb_fish;
    case Shell::pwsh: return embedded::shells_triplydb_ps1;
    default: return {};
  }
}

// Replaces `from` in one template line; the result is never searched again.
std::string replace_all(std::string_view line, std::string_view from, std::string_view to) {
  std::string out;
  for (auto at = line.find(from); at != std::string_view::npos; at = line.find(from)) {
    out.append(line.substr(0, at)).append(to);
    line.remove_prefix(at + from.size());
  }
  return out.append(line);
}

}  // namespace

std::optional<Shell> parse_integration_shell(std::string_view name) {
  auto shell = parse_shell(name);
  if (!shell || integration_template(*shell, false).empty()) return std::nullopt;
  return shell;
}

std::string_view completion_script(Shell shell) {
  switch (shell) {
    case Shell::bash: return embedded::completions_triplydb_profile_bash;
    case Shell::zsh: return embedded::completions__triplydb_profile;
    case Shell::fish: return embedded::completions_triplydb_profile_fish;
    case Shell::pwsh: return embedded::completions_triplydb_profile_ps1;
    default: return {};
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
  std::string text;
  std::string_view rest = integration_template(request.shell, request.functions_only);
  while (!rest.empty()) {
    auto end = rest.find('\n');
    end = end == std::string_view::npos ? rest.size() : end + 1;
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end);
    if (line.find(completion_line) != std::string_view::npos) {
      text += completion_script(request.shell);
    } else if (auto marker = line.find(activation_line); marker != std::string_view::npos) {
      // Without a default the line keeps only what stands before its `# marker` comment.
      auto kept = line.substr(0, line.find_last_not_of(" #", marker - 1) + 1);
      text += request.default_activation ? *request.default_activation : std::string(kept) + "\n";
    } else {
      text += replace_all(replace_all(line, function_placeholder, request.function_name), program_placeholder, *program);
    }
  }
  return text;
}

}  // namespace tdb
