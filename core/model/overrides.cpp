#include "model/overrides.hpp"

#include "model/instance_url.hpp"
#include "model/token.hpp"

namespace tdb {

namespace {

std::string_view trim_start(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

}  // namespace

const std::vector<OverrideFile>& override_files() {
  static const std::vector<OverrideFile> files{
      {".env", "TriplyETL and other dotenv readers take it when the shell has none"},
      {".env.local", "dotenv readers that load .env.local take it when the shell has none"},
      {".envrc", "direnv exports it over the shell's own at the next prompt"},
      {".ratt", "RATT copies it over the shell's own"},
      {".ratt-private", "RATT copies it over the shell's own"},
  };
  return files;
}

std::vector<std::pair<int, std::string>> token_assignments(std::string_view text) {
  std::vector<std::pair<int, std::string>> found;
  int number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    line = trim_start(line);
    if (line.substr(0, 7) == "export ") line = trim_start(line.substr(7));
    for (std::string_view name : {"TRIPLYDB_TOKEN", "TRIPLYDB_API"}) {
      if (line.substr(0, name.size()) != name) continue;
      std::string_view rest = trim_start(line.substr(name.size()));
      if (!rest.empty() && (rest.front() == '=' || rest.front() == ':')) found.emplace_back(number, std::string(name));
    }
  }
  return found;
}

std::vector<Override> file_overrides(const OverrideFile& kind, const std::string& shown, std::string_view text) {
  std::vector<Override> found;
  for (const auto& [line, name] : token_assignments(text)) {
    found.push_back({shown, line, name, "sets " + name + ": " + std::string(kind.effect),
                     "remove the line and let 'triplydb bind NAME' or a .triplydb.yaml choose the profile here"});
  }
  return found;
}

std::vector<Override> environment_overrides(const std::optional<std::string>& token, const std::optional<std::string>& api,
                                            const std::optional<Profile>& active) {
  std::vector<Override> found;
  if (token && api) {
    auto claims = read_token(*token);
    auto url = normalise_instance_url(*api);
    if (claims && url && instance_from_claims(*claims) != *url)
      found.push_back({"", 0, "TRIPLYDB_API",
                       "is " + *url + " but TRIPLYDB_TOKEN belongs to " + instance_from_claims(*claims) +
                           ": RATT talks to the one, with the token of the other",
                       "run 'triplydb use NAME' for the profile you mean"});
  }
  if (active && active->has_stored_token()) {
    if (token != active->token)
      found.push_back({"", 0, "TRIPLYDB_TOKEN",
                       std::string(token ? "was changed" : "was unset") + " after profile '" + active->name + "' was activated",
                       "run 'triplydb use " + active->name + "' to make them agree"});
    if (api != active->instance)
      found.push_back({"", 0, "TRIPLYDB_API",
                       std::string(api ? "was changed" : "was unset") + " after profile '" + active->name + "' was activated",
                       "run 'triplydb use " + active->name + "' to make them agree"});
  }
  return found;
}

}  // namespace tdb
