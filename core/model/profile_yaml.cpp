#include "model/profile_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "model/instance_url.hpp"
#include "model/project_file.hpp"
#include "model/token.hpp"
#include "model/yaml_emit.hpp"
#include "model/yaml_read.hpp"
#include "shell/shell_words.hpp"
#include "util/utf8.hpp"

namespace tdb {

struct ProfileDocument::Tree {
  YAML::Node root = YAML::Node(YAML::NodeType::Map);
};

namespace {

// `token_command` as a list of words, or as one string split like a shell would split it.
Expected<std::vector<std::string>, FileProblem> read_token_command(const YAML::Node& node, std::string_view owner) {
  std::string what = std::string(owner) + ": 'token_command'";
  std::vector<std::string> words;
  if (node.IsScalar()) {
    auto split = split_words(node.Scalar());
    if (!split) return problem_at(node, what + ": " + split.error().message);
    words = *split;
  } else if (node.IsSequence()) {
    for (const auto& word : node) {
      if (!word.IsScalar()) return problem_at(word, what + " must list text, not " + std::string(type_name(word)));
      words.push_back(word.Scalar());
    }
  } else {
    return problem_at(node, what + " must be text or a list of words, not " + std::string(type_name(node)));
  }
  if (words.empty() || words.front().empty()) return problem_at(node, what + " names no program");
  for (const auto& word : words)
    if (word.find('\0') != std::string::npos) return problem_at(node, what + " contains a NUL character");
  return words;
}

// `keyring: {service: S, account: A}`: the Secret Service item that holds the token.
Expected<KeyringItem, FileProblem> read_keyring(const YAML::Node& node, std::string_view owner) {
  const std::string what = std::string(owner) + ": 'keyring'";
  if (!node.IsMap()) return problem_at(node, what + " must be a mapping with 'service' and 'account', not " + std::string(type_name(node)));
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    if (key != "service" && key != "account") return problem_at(it->first, what + " takes only 'service' and 'account'");
  }
  KeyringItem item;
  for (auto [key, field] : {std::pair{"service", &item.service}, std::pair{"account", &item.account}}) {
    YAML::Node value = node[key];
    if (!value || !value.IsScalar() || value.Scalar().empty())
      return problem_at(value ? value : node, what + " needs '" + key + "' as text that is not empty");
    *field = value.Scalar();
    if (!is_keyring_attribute(*field))
      return problem_at(value, what + ": '" + key + "' must be at most 255 bytes without control characters");
  }
  return item;
}

constexpr std::array<std::string_view, 7> profile_keys{"instance", "token", "token_command", "keyring", "account", "description", "access"};

bool is_profile_key(std::string_view key) { return std::find(profile_keys.begin(), profile_keys.end(), key) != profile_keys.end(); }

// The keys of a profile's mapping that this version does not know, with their nodes.
std::vector<std::pair<std::string, YAML::Node>> unknown_keys_of(const YAML::Node& body) {
  std::vector<std::pair<std::string, YAML::Node>> found;
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it->first.IsScalar() && !is_profile_key(it->first.Scalar())) found.emplace_back(it->first.Scalar(), it->first);
  return found;
}

// "profile 'prod' has no 'token'", at the key that looks like a misspelling of it when there is one.
FileProblem missing_key(const YAML::Node& key, const YAML::Node& body, const std::string& owner, std::string_view required) {
  const std::string message = owner + " has no '" + std::string(required) + "'";
  for (const auto& [name, node] : unknown_keys_of(body))
    if (closest_name(name, {std::string(required)}))
      return problem_at(node, message + "; is '" + name + "' meant to be '" + std::string(required) + "'?");
  return problem_at(key, message);
}

Expected<Profile, FileProblem> read_profile(const YAML::Node& key, const YAML::Node& body) {
  Profile profile;
  profile.name = key.Scalar();
  if (!is_valid_profile_name(profile.name)) return problem_at(key, explain_invalid_name(profile.name));
  std::string owner = "profile '" + profile.name + "'";
  if (!body.IsMap())
    return problem_at(body.IsNull() ? key : body,
                      owner + " must be a mapping with 'instance' and 'token', not " + std::string(type_name(body)));
  if (auto duplicate = check_keys(body, "key in " + owner)) return *duplicate;

  auto present = [&](const char* name) { return body[name] && !body[name].IsNull(); };
  if (present("token") && present("token_command"))
    return problem_at(body["token_command"], owner + " has both 'token' and 'token_command'; keep one of them");
  for (const char* other : {"token", "token_command"})
    if (present(other) && present("keyring"))
      return problem_at(body["keyring"], owner + " has both '" + other + "' and 'keyring'; keep one of them");
  for (const char* required : {"instance", "token"}) {
    if (!present(required) && !(required == std::string_view("token") && (present("token_command") || present("keyring"))))
      return missing_key(key, body, owner, required);
  }
  auto instance = optional_text(body, "instance", owner);
  auto token = optional_text(body, "token", owner);
  auto account = optional_text(body, "account", owner);
  auto description = optional_text(body, "description", owner);
  auto access = optional_text(body, "access", owner);
  for (const auto* field : {&instance, &token, &account, &description, &access})
    if (!*field) return field->error();

  auto url = normalise_instance_url(**instance);
  if (!url) return problem_at(body["instance"], owner + ": " + url.error().message);
  profile.instance = *url;
  if (*token) {
    profile.token = **token;
    if (auto claims = read_token(profile.token); !claims) return problem_at(body["token"], owner + ": " + claims.error().message);
  } else if (present("keyring")) {
    auto item = read_keyring(body["keyring"], owner);
    if (!item) return item.error();
    profile.keyring = *item;
  } else {
    auto command = read_token_command(body["token_command"], owner);
    if (!command) return command.error();
    profile.token_command = *command;
  }
  for (const auto& [field, text] : {std::pair{"account", *account}, std::pair{"description", *description}})
    if (auto problem = text ? explain_invalid_free_text("'" + std::string(field) + "'", *text) : std::nullopt)
      return problem_at(body[field], owner + ": " + *problem);
  profile.account = *account;
  profile.description = *description;
  if (*access && !is_access_label(**access))
    return problem_at(body["access"], owner + ": 'access' is read, write or management, not '" + **access + "'");
  profile.access = *access;
  if (YAML::Node vars = body["vars"]) {
    auto read = read_variables(vars, owner + ": 'vars'", VariableOwner::profile);
    if (!read) return read.error();
    profile.vars = std::move(read).value();
  }
  return profile;
}

Expected<ProfileSet, FileProblem> read_set(const YAML::Node& root) {
  ProfileSet set;
  if (root.IsNull()) return set;
  if (!root.IsMap())
    return problem_at(root, "the file must be a mapping with 'version' and 'profiles', not " + std::string(type_name(root)));
  if (auto duplicate = check_keys(root, "top-level key")) return *duplicate;

  if (YAML::Node version = root["version"]) {
    int number = 0;
    if (!version.IsScalar() || !YAML::convert<int>::decode(version, number)) return problem_at(version, "'version' must be a number");
    if (number != profiles_format_version)
      return problem_at(version, "this file has format version " + version.Scalar() + "; this program reads version 1");
  }
  YAML::Node profiles = root["profiles"];
  if (profiles && !profiles.IsNull()) {
    if (!profiles.IsMap())
      return problem_at(profiles, "'profiles' must be a mapping of names to profiles, not " + std::string(type_name(profiles)));
    if (auto duplicate = check_keys(profiles, "profile")) return *duplicate;
    for (auto it = profiles.begin(); it != profiles.end(); ++it) {
      auto profile = read_profile(it->first, it->second);
      if (!profile) return profile.error();
      set.profiles.push_back(std::move(profile).value());
    }
  }
  auto default_name = optional_text(root, "default", "the file");
  if (!default_name) return default_name.error();
  if (*default_name && !is_valid_profile_name(**default_name))
    return problem_at(root["default"], "'default': " + explain_invalid_name(**default_name));
  set.default_name = *default_name;
  return set;
}

YAML::Node profiles_node(YAML::Node& root) {
  if (!root["version"]) root["version"] = plain_scalar(std::to_string(profiles_format_version));
  YAML::Node profiles = root["profiles"];
  if (!profiles.IsMap()) root["profiles"] = YAML::Node(YAML::NodeType::Map);
  return root["profiles"];
}

void set_or_remove(YAML::Node& node, const char* key, const std::optional<std::string>& value) {
  if (value)
    node[key] = *value;
  else
    node.remove(key);
}

}  // namespace

ProfileDocument::ProfileDocument() : tree_(std::make_unique<Tree>()) {}
ProfileDocument::~ProfileDocument() = default;
ProfileDocument::ProfileDocument(ProfileDocument&&) noexcept = default;
ProfileDocument& ProfileDocument::operator=(ProfileDocument&&) noexcept = default;

Expected<ProfileDocument, FileProblem> ProfileDocument::parse(std::string_view text) {
  auto root = load_yaml(text);
  if (!root) return root.error();
  ProfileDocument document;
  auto set = read_set(*root);
  if (!set) return set.error();
  document.set_ = std::move(set).value();
  if (root->IsMap()) document.tree_->root = *root;
  return document;
}

std::vector<FileProblem> ProfileDocument::unknown_keys(std::string_view profile_name) const {
  std::vector<FileProblem> notes;
  const YAML::Node profiles = tree_->root["profiles"];
  if (!profiles || !profiles.IsMap()) return notes;
  const std::vector<std::string> known(profile_keys.begin(), profile_keys.end());
  for (auto it = profiles.begin(); it != profiles.end(); ++it) {
    if (!it->first.IsScalar() || !it->second.IsMap() || (!profile_name.empty() && it->first.Scalar() != profile_name)) continue;
    for (const auto& [name, node] : unknown_keys_of(it->second)) {
      auto meant = closest_name(name, known);
      notes.push_back(problem_at(node, "profile '" + it->first.Scalar() + "' has a key '" + name + "' that this version does not know" +
                                           (meant ? "; did you mean '" + *meant + "'?" : " (it is kept as it is)")));
    }
  }
  return notes;
}

void ProfileDocument::put(const Profile& profile) {
  YAML::Node profiles = profiles_node(tree_->root);
  YAML::Node body = profiles[profile.name];
  if (!body.IsMap()) body = YAML::Node(YAML::NodeType::Map);
  body["instance"] = profile.instance;
  if (profile.token_command) {
    // The command stays written the way it was when it has not changed.
    YAML::Node written = body["token_command"];
    auto same = written ? read_token_command(written, "") : Expected<std::vector<std::string>, FileProblem>(FileProblem{});
    if (!same || *same != *profile.token_command) body["token_command"] = *profile.token_command;
    body.remove("token");
    body.remove("keyring");
  } else if (profile.keyring) {
    YAML::Node item(YAML::NodeType::Map);
    item["service"] = profile.keyring->service;
    item["account"] = profile.keyring->account;
    body["keyring"] = item;
    body.remove("token");
    body.remove("token_command");
  } else {
    body["token"] = profile.token;
    body.remove("token_command");
    body.remove("keyring");
  }
  set_or_remove(body, "account", profile.account);
  set_or_remove(body, "description", profile.description);
  set_or_remove(body, "access", profile.access);
  profiles[profile.name] = body;

  auto existing = std::find_if(set_.profiles.begin(), set_.profiles.end(), [&](const Profile& p) { return p.name == profile.name; });
  if (existing != set_.profiles.end())
    *existing = profile;
  else
    set_.profiles.push_back(profile);
}

void ProfileDocument::remove(std::string_view name) {
  profiles_node(tree_->root).remove(std::string(name));
  std::erase_if(set_.profiles, [&](const Profile& p) { return p.name == name; });
  if (set_.default_name == name) set_default(std::nullopt);
}

// yaml-cpp cannot rename a key in place; the mapping is rebuilt to keep the file's order.
void ProfileDocument::rename(std::string_view old_name, std::string_view new_name) {
  YAML::Node profiles = profiles_node(tree_->root);
  YAML::Node renamed(YAML::NodeType::Map);
  for (auto it = profiles.begin(); it != profiles.end(); ++it) {
    std::string key = it->first.Scalar();
    renamed[key == old_name ? std::string(new_name) : key] = it->second;
  }
  tree_->root["profiles"] = renamed;
  for (auto& p : set_.profiles)
    if (p.name == old_name) p.name = std::string(new_name);
  if (set_.default_name == old_name) set_default(std::string(new_name));
}

// A new `default:` goes right after `version:`, where people look for it.
void ProfileDocument::set_default(const std::optional<std::string>& name) {
  YAML::Node& root = tree_->root;
  profiles_node(root);
  if (name && !root["default"]) {
    YAML::Node ordered(YAML::NodeType::Map);
    for (auto it = root.begin(); it != root.end(); ++it) {
      ordered[it->first.Scalar()] = it->second;
      if (it->first.Scalar() == "version") ordered["default"] = *name;
    }
    root = ordered;
  }
  set_or_remove(root, "default", name);
  set_.default_name = name;
}

std::string ProfileDocument::to_text() const { return to_yaml_text(tree_->root); }

}  // namespace tdb
