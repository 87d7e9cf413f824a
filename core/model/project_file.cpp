#include "model/project_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

#include "model/instance_url.hpp"
#include "model/profile.hpp"

namespace tdb {

namespace {

// Names a shell, the dynamic loader or a language runtime reads as code or as where code is.
constexpr std::array<std::string_view, 33> special_names{"PATH",
                                                         "IFS",
                                                         "ENV",
                                                         "BASH_ENV",
                                                         "PS1",
                                                         "PS2",
                                                         "PS3",
                                                         "PS4",
                                                         "PROMPT_COMMAND",
                                                         "HOME",
                                                         "SHELL",
                                                         "SHELLOPTS",
                                                         "BASHOPTS",
                                                         "CDPATH",
                                                         "GLOBIGNORE",
                                                         "FPATH",
                                                         "ZDOTDIR",
                                                         "PROMPT",
                                                         "RPROMPT",
                                                         "TERM",
                                                         "MAIL",
                                                         "MAILPATH",
                                                         "HISTFILE",
                                                         "INPUTRC",
                                                         "POSIXLY_CORRECT",
                                                         "NODE_OPTIONS",
                                                         "NODE_PATH",
                                                         "PYTHONPATH",
                                                         "PYTHONSTARTUP",
                                                         "PERL5LIB",
                                                         "PERL5OPT",
                                                         "RUBYOPT",
                                                         "XDG_CONFIG_HOME"};
constexpr std::array<std::string_view, 4> special_prefixes{"LD_", "DYLD_", "BASH_FUNC_", "TRIPLYDB_"};

bool is_portable_name(std::string_view name) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (name.empty() || name.size() > 128 || !letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return letter(c) || digit(c); });
}

}  // namespace

Expected<Variables, FileProblem> read_variables(const YAML::Node& node, const std::string& what, VariableOwner owner) {
  Variables vars;
  if (!node || node.IsNull()) return vars;
  if (!node.IsMap()) return problem_at(node, what + " must be a mapping of names to text, not " + std::string(type_name(node)));
  if (auto duplicate = check_keys(node, "variable")) return *duplicate;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string name = it->first.Scalar();
    if (auto refused = explain_refused_variable(name, owner)) return problem_at(it->first, what + ": " + *refused);
    const YAML::Node value = it->second;
    if (!value.IsScalar() && !value.IsNull())
      return problem_at(value, what + ": " + name + " must be text, not " + std::string(type_name(value)));
    std::string text = value.IsNull() ? std::string() : value.Scalar();
    if (text.find('\0') != std::string::npos) return problem_at(value, what + ": " + name + " contains a NUL character");
    vars.emplace_back(name, std::move(text));
  }
  return vars;
}

std::optional<std::string> explain_refused_variable(std::string_view name, VariableOwner owner) {
  const std::string quoted = "'" + std::string(name) + "'";
  if (!is_portable_name(name))
    return quoted + " is not a variable name: use letters, digits and '_', not starting with a digit, at most 128";
  for (auto prefix : special_prefixes) {
    if (name.substr(0, prefix.size()) == prefix) {
      if (prefix == "TRIPLYDB_") return quoted + " is set by the profile itself; the TRIPLYDB_ names cannot be extra variables";
      return quoted + " changes how programs are loaded; " + std::string(prefix) + "* names cannot be extra variables";
    }
  }
  if (owner == VariableOwner::profile && name == "ENV") return std::nullopt;
  if (std::find(special_names.begin(), special_names.end(), name) != special_names.end())
    return quoted + " changes how the shell or the programs it starts behave; it cannot be an extra variable";
  return std::nullopt;
}

Expected<ProjectFile, FileProblem> parse_project_file(std::string_view text) {
  auto loaded = load_yaml(text);
  if (!loaded) return loaded.error();
  const YAML::Node& root = *loaded;
  if (!root.IsMap())
    return problem_at(root, "the project file must be a mapping with 'version' and 'instance', not " + std::string(type_name(root)));
  if (auto duplicate = check_keys(root, "top-level key")) return *duplicate;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (key != "version" && key != "instance" && key != "account" && key != "vars")
      return problem_at(it->first, "unknown key '" + key + "'; a project file has version, instance, account and vars (and never a token)");
  }
  const YAML::Node version = root["version"];
  int number = 0;
  if (!version) return problem_at(root, "the project file has no 'version'; add 'version: 1'");
  if (!version.IsScalar() || !YAML::convert<int>::decode(version, number)) return problem_at(version, "'version' must be a number");
  if (number != project_format_version)
    return problem_at(version, "this project file has format version " + version.Scalar() + "; this program reads version 1");

  ProjectFile project;
  auto instance = optional_text(root, "instance", "the project file");
  if (!instance) return instance.error();
  if (!*instance || (*instance)->empty()) return problem_at(root, "the project file has no 'instance'; add 'instance: https://api.HOST'");
  auto url = normalise_instance_url(**instance);
  if (!url) return problem_at(root["instance"], "'instance': " + url.error().message);
  project.instance = *url;

  auto account = optional_text(root, "account", "the project file");
  if (!account) return account.error();
  if (*account) {
    if (auto problem = explain_invalid_free_text("'account'", **account)) return problem_at(root["account"], *problem);
    if (!(*account)->empty()) project.account = *account;
  }
  auto vars = read_variables(root["vars"], "'vars'", VariableOwner::project);
  if (!vars) return vars.error();
  project.vars = std::move(vars).value();
  return project;
}

}  // namespace tdb
