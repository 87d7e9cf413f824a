#include "model/project_resolution.hpp"

#include <algorithm>

#include "model/instance_url.hpp"
#include "util/sha256.hpp"

namespace tdb {

namespace {

std::string wants(const ProjectFile& project) {
  return project.instance + (project.account ? " (account " + *project.account + ")" : std::string());
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

Resolution notice(const std::string& root, std::string message) { return {Resolution::Kind::notice, root, {}, {}, std::move(message)}; }

// The one profile an allowed project file picks, or why there is none.
Resolution resolve_project(const FoundProjectFile& file, const ProjectFile& project, const std::string& shown, const ProfileSet& profiles) {
  auto candidates = matching_profiles(project, profiles);
  if (candidates.empty())
    return notice(file.folder, shown + " wants " + wants(project) + " and no profile of yours is for it; make a token at " +
                                   token_settings_page(likely_console_url(project.instance)) + " and run 'triplydb add NAME'");
  std::string chosen = candidates.front();
  if (candidates.size() > 1) {
    if (!profiles.default_name || std::find(candidates.begin(), candidates.end(), *profiles.default_name) == candidates.end())
      return notice(file.folder, shown + " wants " + wants(project) + " and profiles " + joined(candidates) +
                                     " are for it; choose one here with 'triplydb bind NAME'");
    chosen = *profiles.default_name;
  }
  return {Resolution::Kind::project, file.folder, chosen, project.vars, {}};
}

}  // namespace

std::vector<std::string> matching_profiles(const ProjectFile& project, const ProfileSet& profiles) {
  std::vector<std::string> names;
  for (const auto& profile : profiles.profiles)
    if (profile.instance == project.instance && (!project.account || profile.account == project.account)) names.push_back(profile.name);
  return names;
}

std::string path_from(const std::string& folder, const std::string& path) {
  const std::string name(project_file_name);
  std::string here = folder;
  std::string up;
  while (!here.empty()) {
    if ((here == "/" ? "" : here) + "/" + name == path) return (up.empty() ? "./" : up) + name;
    if (here == "/") break;
    const auto slash = here.rfind('/');
    here = slash == 0 ? "/" : here.substr(0, slash);
    up += "../";
  }
  return path;
}

Resolution resolve_folder(const std::string& folder, const std::optional<FoundProjectFile>& file, const ProjectTrust& trust,
                          const ProfileSet& profiles) {
  const Binding* binding = trust.binding_for(folder);
  if (binding && (!file || binding->folder.size() >= file->folder.size())) {
    if (!profiles.find(binding->profile))
      return notice(binding->folder, "this folder is bound to the profile '" + binding->profile +
                                         "', which does not exist; run 'triplydb unbind' here or 'triplydb add " + binding->profile + "'");
    return {Resolution::Kind::bind, binding->folder, binding->profile, {}, {}};
  }
  if (!file) return {};
  if (file->problem) return notice(file->folder, *file->problem);
  const std::string shown = path_from(folder, file->path);
  auto project = parse_project_file(file->text);
  if (!project) return notice(file->folder, located(file->path, project.error()));
  const TrustVerdict verdict = trust.verdict(file->path, sha256_hex(file->text));
  switch (verdict) {
    case TrustVerdict::denied:
      return {};
    case TrustVerdict::unknown:
    case TrustVerdict::changed: {
      const bool changed = verdict == TrustVerdict::changed;
      auto candidates = matching_profiles(*project, profiles);
      std::string which = candidates.size() == 1 ? " (profile " + candidates.front() + ")" : "";
      return notice(file->folder, shown + (changed ? " changed since you allowed it; it wants " : " wants ") + wants(*project) + which +
                                      "; run 'triplydb allow' to use it here");
    }
    case TrustVerdict::allowed:
      break;
  }
  return resolve_project(*file, *project, shown, profiles);
}

}  // namespace tdb
