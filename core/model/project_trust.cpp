#include "model/project_trust.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tdb {

namespace {

using nlohmann::json;

constexpr int trust_format_version = 1;

Expected<std::vector<TrustEntry>> read_entries(const json& root, const char* key) {
  std::vector<TrustEntry> entries;
  if (!root.contains(key)) return entries;
  const json& list = root[key];
  if (!list.is_array()) return Problem{std::string("'") + key + "' must be a list"};
  for (const auto& item : list) {
    if (!item.is_object() || !item.value("path", json()).is_string() || !item.value("sha256", json()).is_string())
      return Problem{std::string("each of '") + key + "' needs 'path' and 'sha256' as text"};
    entries.push_back({item["path"].get<std::string>(), item["sha256"].get<std::string>()});
  }
  return entries;
}

void erase_path(std::vector<TrustEntry>& entries, std::string_view path) {
  std::erase_if(entries, [&](const TrustEntry& e) { return e.path == path; });
}

}  // namespace

bool is_within(std::string_view folder, std::string_view root) {
  if (root == "/") return !folder.empty() && folder.front() == '/';
  return folder.substr(0, root.size()) == root && (folder.size() == root.size() || folder[root.size()] == '/');
}

TrustVerdict ProjectTrust::verdict(std::string_view path, std::string_view sha256) const {
  auto same_path = [&](const TrustEntry& e) { return e.path == path; };
  if (std::any_of(denied.begin(), denied.end(), same_path)) return TrustVerdict::denied;
  auto found = std::find_if(allowed.begin(), allowed.end(), same_path);
  if (found == allowed.end()) return TrustVerdict::unknown;
  return found->sha256 == sha256 ? TrustVerdict::allowed : TrustVerdict::changed;
}

void ProjectTrust::allow(const std::string& path, const std::string& sha256) {
  erase_path(denied, path);
  erase_path(allowed, path);
  allowed.push_back({path, sha256});
}

void ProjectTrust::deny(const std::string& path, const std::string& sha256) {
  erase_path(allowed, path);
  erase_path(denied, path);
  denied.push_back({path, sha256});
}

const Binding* ProjectTrust::binding_for(std::string_view folder) const {
  const Binding* nearest = nullptr;
  for (const auto& binding : bindings)
    if (is_within(folder, binding.folder) && (!nearest || binding.folder.size() > nearest->folder.size())) nearest = &binding;
  return nearest;
}

void ProjectTrust::bind(const std::string& folder, const std::string& profile) {
  unbind(folder);
  bindings.push_back({folder, profile});
  std::sort(bindings.begin(), bindings.end(), [](const Binding& a, const Binding& b) { return a.folder < b.folder; });
}

bool ProjectTrust::unbind(std::string_view folder) {
  return std::erase_if(bindings, [&](const Binding& b) { return b.folder == folder; }) > 0;
}

std::size_t ProjectTrust::rename_profile(std::string_view from, const std::string& to) {
  std::size_t renamed = 0;
  for (auto& binding : bindings)
    if (binding.profile == from) {
      binding.profile = to;
      ++renamed;
    }
  return renamed;
}

std::vector<std::string> ProjectTrust::folders_bound_to(std::string_view profile) const {
  std::vector<std::string> folders;
  for (const auto& binding : bindings)
    if (binding.profile == profile) folders.push_back(binding.folder);
  return folders;
}

Expected<ProjectTrust> parse_project_trust(std::string_view text) {
  ProjectTrust trust;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return trust;
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return Problem{"it is not a JSON object"};
  if (root.value("version", 0) != trust_format_version) return Problem{"it has a format version other than 1"};
  auto allowed = read_entries(root, "allowed");
  if (!allowed) return allowed.error();
  auto denied = read_entries(root, "denied");
  if (!denied) return denied.error();
  trust.allowed = *allowed;
  trust.denied = *denied;
  if (root.contains("bindings")) {
    if (!root["bindings"].is_array()) return Problem{"'bindings' must be a list"};
    for (const auto& item : root["bindings"]) {
      if (!item.is_object() || !item.value("folder", json()).is_string() || !item.value("profile", json()).is_string())
        return Problem{"each of 'bindings' needs 'folder' and 'profile' as text"};
      trust.bind(item["folder"].get<std::string>(), item["profile"].get<std::string>());
    }
  }
  return trust;
}

std::string to_text(const ProjectTrust& trust) {
  json root = {{"version", trust_format_version}, {"allowed", json::array()}, {"denied", json::array()}, {"bindings", json::array()}};
  for (const auto& e : trust.allowed) root["allowed"].push_back({{"path", e.path}, {"sha256", e.sha256}});
  for (const auto& e : trust.denied) root["denied"].push_back({{"path", e.path}, {"sha256", e.sha256}});
  for (const auto& b : trust.bindings) root["bindings"].push_back({{"folder", b.folder}, {"profile", b.profile}});
  // Paths that are not UTF-8 are written with U+FFFD and so never match again: the safe side.
  return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace tdb
