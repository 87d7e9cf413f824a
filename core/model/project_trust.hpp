#pragma once
// What the user decided about folders, kept in their own store and never in a project: project
// files allowed or denied (by path and content hash, as direnv and mise do) and folders bound to a
// profile. Pure: JSON text in and out; paths are absolute and compared as text.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace tdb {

struct TrustEntry {
  std::string path;    // the project file
  std::string sha256;  // of its content when the user decided
  bool operator==(const TrustEntry&) const = default;
};

struct Binding {
  std::string folder;  // it and every folder below it
  std::string profile;
  bool operator==(const Binding&) const = default;
};

enum class TrustVerdict { allowed, changed, denied, unknown };

struct ProjectTrust {
  std::vector<TrustEntry> allowed;
  std::vector<TrustEntry> denied;
  std::vector<Binding> bindings;  // sorted by folder

  // A file is denied whatever its content; allowed only with the content that was allowed.
  TrustVerdict verdict(std::string_view path, std::string_view sha256) const;
  void allow(const std::string& path, const std::string& sha256);
  void deny(const std::string& path, const std::string& sha256);
  // The binding of `folder` itself or of the nearest folder above it.
  const Binding* binding_for(std::string_view folder) const;
  void bind(const std::string& folder, const std::string& profile);
  bool unbind(std::string_view folder);
  // The bindings to profile `from` name `to` instead; how many there were.
  std::size_t rename_profile(std::string_view from, const std::string& to);
  // The folders bound to `profile`.
  std::vector<std::string> folders_bound_to(std::string_view profile) const;
};

// `folder` is `root` or below it (both absolute, without trailing '/').
bool is_within(std::string_view folder, std::string_view root);

// Empty text is an empty store.
Expected<ProjectTrust> parse_project_trust(std::string_view text);
std::string to_text(const ProjectTrust& trust);

}  // namespace tdb
