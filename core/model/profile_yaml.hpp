#pragma once
// The profiles file's YAML form. A ProfileDocument is the parsed file: commands edit it through
// its methods, which keep keys this version does not know. Pure: text in, text out.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/profile.hpp"
#include "model/yaml_read.hpp"
#include "util/expected.hpp"

namespace tdb {

inline constexpr int profiles_format_version = 1;

class ProfileDocument {
 public:
  ProfileDocument();
  ~ProfileDocument();
  ProfileDocument(ProfileDocument&&) noexcept;
  ProfileDocument& operator=(ProfileDocument&&) noexcept;

  // Empty text (a missing file) is an empty set of profiles.
  static Expected<ProfileDocument, FileProblem> parse(std::string_view text);

  const ProfileSet& profiles() const { return set_; }
  // Keys inside a profile (of `profile_name`, or of every profile when empty) that this version
  // does not know: kept, but named with "did you mean" by doctor and show, where they are.
  std::vector<FileProblem> unknown_keys(std::string_view profile_name = {}) const;

  // Adds or replaces; fields of the stored profile this version does not know are kept.
  void put(const Profile& profile);
  void remove(std::string_view name);
  void rename(std::string_view old_name, std::string_view new_name);
  void set_default(const std::optional<std::string>& name);

  std::string to_text() const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
  ProfileSet set_;
};

}  // namespace tdb
