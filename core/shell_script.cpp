#include "shell_script.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace tdb {

namespace {

using Assignment = std::pair<std::string_view, std::optional<std::string>>;  // unset when empty

std::string set_statement(Shell shell, std::string_view name, const std::string& quoted) {
  std::string n(name);
  switch (shell) {
    case Shell::bash:
    case Shell::zsh: return "export " + n + "=" + quoted + "\n";
    case Shell::posix: return n + "=" + quoted + "; export " + n + "\n";
    case Shell::fish: return "set -gx " + n + " " + quoted + "\n";
    case Shell::pwsh: return "$env:" + n + " = " + quoted + "\n";
    case Shell::dotenv: return n + "=" + quoted + "\n";
    case Shell::json: return "";
  }
  return "";
}

std::string unset_statement(Shell shell, std::string_view name) {
  std::string n(name);
  switch (shell) {
    case Shell::bash:
    case Shell::zsh:
    case Shell::posix: return "unset " + n + "\n";
    case Shell::fish: return "set -e " + n + "\n";
    case Shell::pwsh: return "Remove-Item -Path Env:" + n + " -ErrorAction SilentlyContinue\n";
    case Shell::dotenv:
    case Shell::json: return "";
  }
  return "";
}

Expected<std::string> render(Shell shell, const std::vector<Assignment>& assignments) {
  std::string script;
  std::vector<std::string> json_members;
  for (const auto& [name, value] : assignments) {
    if (!value) {
      script += unset_statement(shell, name);
      json_members.push_back("\"" + std::string(name) + "\": null");
      continue;
    }
    auto quoted = quote(shell, *value);
    if (!quoted) return Problem{std::string(name) + ": " + quoted.error().message};
    script += set_statement(shell, name, *quoted);
    json_members.push_back("\"" + std::string(name) + "\": " + *quoted);
  }
  if (shell != Shell::json) return script;
  std::string object = "{";
  for (std::size_t i = 0; i < json_members.size(); ++i) object += (i ? ", " : "") + json_members[i];
  return object + "}\n";
}

}  // namespace

Expected<std::string> render_activation(Shell shell, const Profile& profile) {
  return render(shell, {{profile_variables[0], profile.token},
                        {profile_variables[1], profile.instance},
                        {profile_variables[2], profile.name},
                        {profile_variables[3], profile.account}});
}

std::string render_deactivation(Shell shell) {
  std::vector<Assignment> assignments;
  for (auto name : profile_variables) assignments.emplace_back(name, std::nullopt);
  auto script = render(shell, assignments);
  return script ? *script : std::string();
}

}  // namespace tdb
