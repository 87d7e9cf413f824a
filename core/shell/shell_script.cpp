#include "shell/shell_script.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace tdb {

namespace {

// Appends the statement that sets `name` to the already quoted value.
void append_set(std::string& out, Shell shell, std::string_view name, std::string_view quoted) {
  switch (shell) {
    case Shell::bash:
    case Shell::zsh:
      out.append("export ").append(name).append("=").append(quoted);
      break;
    case Shell::posix:
      out.append(name).append("=").append(quoted).append("; export ").append(name);
      break;
    case Shell::fish:
      out.append("set -gx ").append(name).append(" ").append(quoted);
      break;
    case Shell::pwsh:
      out.append("$env:").append(name).append(" = ").append(quoted);
      break;
    case Shell::elvish:
      out.append("set-env ").append(name).append(" ").append(quoted);
      break;
    case Shell::xonsh:
      out.append("$").append(name).append(" = ").append(quoted);
      break;
    case Shell::nu:
      out.append(name).append(": ").append(quoted);
      return;
    case Shell::dotenv:
      out.append(name).append("=").append(quoted);
      break;
    case Shell::json:
      out.append("\"").append(name).append("\": ").append(quoted);
      return;
  }
  out += '\n';
}

// Appends the statement that removes `name`; dotenv has none.
void append_unset(std::string& out, Shell shell, std::string_view name) {
  switch (shell) {
    case Shell::bash:
    case Shell::zsh:
    case Shell::posix:
      out.append("unset ").append(name).append("\n");
      break;
    case Shell::fish:
      out.append("set -e ").append(name).append("\n");
      break;
    case Shell::pwsh:
      out.append("Remove-Item -Path Env:").append(name).append(" -ErrorAction SilentlyContinue\n");
      break;
    case Shell::elvish:
      out.append("unset-env ").append(name).append("\n");
      break;
    case Shell::xonsh:
      out.append("${...}.pop('").append(name).append("', None)\n");
      break;
    case Shell::nu:
      out.append(name).append(": null");
      break;
    case Shell::dotenv:
      break;
    case Shell::json:
      out.append("\"").append(name).append("\": null");
      break;
  }
}

// Statements one per line, or for json one object whose members are the assignments in order (for
// nu the same as a record, which `from nuon` reads, null for a variable to hide).
Expected<std::string> render(Shell shell, const std::vector<Assignment>& assignments) {
  const bool json = shell == Shell::json || shell == Shell::nu;
  std::string script = json ? "{" : "";
  script.reserve(1024);
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    const auto& [name, value] = assignments[i];
    if (json && i > 0) script += ", ";
    if (!value) {
      append_unset(script, shell, name);
      continue;
    }
    auto quoted = quote(shell, *value);
    if (!quoted) return Problem{std::string(name) + ": " + quoted.error().message};
    append_set(script, shell, name, *quoted);
  }
  if (json) script += "}\n";
  return script;
}

// The names of `stale` unset, the profile's variables and `vars:`, then `extra` (a project's `vars:`).
Expected<std::string> render_profile(Shell shell, const Profile& profile, const Variables& stale, const Variables& extra) {
  // A token_command profile reaches here with its token fetched; an empty one is never exported.
  if (profile.token.empty()) return Problem{"profile '" + profile.name + "' has no token to export"};
  std::vector<Assignment> assignments;
  for (const auto& var : stale) assignments.emplace_back(var.first, std::nullopt);
  const auto own = profile_assignments(profile);
  assignments.insert(assignments.end(), own.begin(), own.end());
  for (const auto& [name, value] : profile.vars) assignments.emplace_back(name, value);
  for (const auto& [name, value] : extra) assignments.emplace_back(name, value);
  return render(shell, assignments);
}

}  // namespace

Expected<std::string> render_activation(Shell shell, const Profile& profile) { return render_activation(shell, profile, {}); }

Expected<std::string> render_activation(Shell shell, const Profile& profile, const Variables& extra) {
  return render_profile(shell, profile, {}, extra);
}

Expected<std::string> render_switch(Shell shell, const Profile& profile, const Variables& stale) {
  return render_profile(shell, profile, stale, {});
}

Expected<std::string> render_call(Shell shell, std::string_view function, const std::vector<std::string>& args) {
  // A command line in most shells; a Python call in xonsh; a record naming the call for nu, which
  // has no eval and reads it with `from nuon`.
  const bool python = shell == Shell::xonsh;
  const bool record = shell == Shell::nu;
  std::string line = record ? "{call: '" + std::string(function) + "', args: [" : std::string(function) + (python ? "(" : "");
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto quoted = quote(shell, args[i]);
    if (!quoted) return Problem{quoted.error().message};
    line.append(i == 0 ? (record || python ? "" : " ") : (record || python ? ", " : " ")).append(*quoted);
  }
  return line + (record ? "]}" : python ? ")" : "") + "\n";
}

std::array<Assignment, 4> profile_assignments(const Profile& profile) {
  return {{{profile_variables[0], profile.token},
           {profile_variables[1], profile.instance},
           {profile_variables[2], profile.name},
           {profile_variables[3], profile.account}}};
}

std::string render_deactivation(Shell shell, const Variables& extra) {
  std::vector<Assignment> assignments;
  for (auto name : profile_variables) assignments.emplace_back(name, std::nullopt);
  for (const auto& var : extra) assignments.emplace_back(var.first, std::nullopt);
  auto script = render(shell, assignments);
  return script ? *script : std::string();
}

}  // namespace tdb
