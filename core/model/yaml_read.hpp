#pragma once
// The checks every YAML file we read gets before and while its nodes are read: tabs used for
// indentation, bytes that are not UTF-8, aliases, duplicate keys, and problems with line:column.
#include <optional>
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace YAML {
class Node;
}

namespace tdb {

// Where in the file something is wrong; line and column count from 1 (0 when unknown).
struct FileProblem {
  std::string message;
  int line = 0;
  int column = 0;
};

// "PATH:LINE:COLUMN: MESSAGE", or "PATH: MESSAGE" when the problem has no place.
std::string located(const std::string& path, const FileProblem& problem);

FileProblem problem_at(const YAML::Node& node, std::string message);

// "a mapping", "a list", "nothing" or "text": what a node is, for messages.
std::string_view type_name(const YAML::Node& node);

// The text parsed into nodes after the checks that yaml-cpp does not make (tabs, UTF-8, aliases).
Expected<YAML::Node, FileProblem> load_yaml(std::string_view text);

// Keys of one mapping must be unique and textual; yaml-cpp keeps duplicates silently.
std::optional<FileProblem> check_keys(const YAML::Node& map, std::string_view what);

// An optional key's value as text: nullopt when absent or empty, a problem when not a scalar.
Expected<std::optional<std::string>, FileProblem> optional_text(const YAML::Node& parent, const char* key, std::string_view owner);

}  // namespace tdb
