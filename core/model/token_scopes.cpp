#include "model/token_scopes.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace tdb {

std::optional<std::string> access_label(std::string_view scopes_json) {
  const auto scopes = nlohmann::json::parse(scopes_json, nullptr, false);
  if (!scopes.is_object() || scopes.empty()) return std::nullopt;
  std::set<std::string> granted;  // "ds:r", "tok:a", ...
  for (const auto& [group, rights] : scopes.items()) {
    if (!rights.is_array() || (group != "acc" && group != "ds" && group != "us" && group != "tok")) return std::nullopt;
    for (const auto& right : rights) {
      if (!right.is_string()) return std::nullopt;
      granted.insert(group + ":" + right.get<std::string>());
    }
  }
  if (granted.empty()) return std::nullopt;
  auto has = [&](std::initializer_list<const char*> names) {
    for (const char* name : names)
      if (granted.count(name)) return true;
    return false;
  };
  if (has({"acc:a", "ds:a", "us:a", "us:u", "tok:a", "tok:c"})) return "management";
  if (has({"ds:c", "ds:u", "ds:d"})) return "write";
  return "read";  // what is left: ds:r, acc:pub, acc:priv
}

}  // namespace tdb
