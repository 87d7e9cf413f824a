#include "model/yaml_read.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "model/yaml_hints.hpp"
#include "util/utf8.hpp"

namespace tdb {

namespace {

// YAML forbids tabs in indentation; yaml-cpp's own message for them ("illegal map value") does
// not say so.
std::optional<FileProblem> find_indenting_tab(std::string_view text) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    } else if (c == '\t') {
      std::string_view before = text.substr(line_start, i - line_start);
      if (before.find_first_not_of(" -") == std::string_view::npos)
        return FileProblem{"a tab is used for indentation; YAML allows only spaces there", line, static_cast<int>(i - line_start) + 1};
    }
  }
  return std::nullopt;
}

// yaml-cpp replaces bytes that are not UTF-8 when it writes the file back; refusing them keeps
// a rewrite from changing what the user wrote.
std::optional<FileProblem> find_non_utf8(std::string_view text) {
  auto bad = find_invalid_utf8(text);
  if (auto nul = text.find('\0'); nul != std::string_view::npos && (!bad || nul < *bad)) bad = nul;  // YAML forbids NUL too
  if (!bad) return std::nullopt;
  auto line_start = text.rfind('\n', *bad == 0 ? 0 : *bad - 1);
  line_start = line_start == std::string_view::npos || *bad == 0 ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
  static constexpr std::string_view hex = "0123456789ABCDEF";
  auto byte = static_cast<unsigned char>(text[*bad]);
  return FileProblem{
      std::string("the file is not UTF-8 text: byte 0x") + hex[byte >> 4] + hex[byte & 0xF] + " cannot start a character here", line,
      static_cast<int>(*bad - line_start) + 1};
}

// A mapping or list reached twice is an alias of it. yaml-cpp shares such nodes, so an alias inside
// the node it names makes a tree without end, and nested aliases one that doubles at each level:
// no rewrite could write either out. Nodes are told apart by where they start in the file.
std::optional<FileProblem> find_shared_collection(const YAML::Node& node, std::set<std::size_t>& seen) {
  if (!node.IsMap() && !node.IsSequence()) return std::nullopt;
  if (!seen.insert(static_cast<std::size_t>(node.Mark().pos)).second)
    return problem_at(node, "this mapping or list is used again through an alias, which is not supported; write it out");
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (node.IsSequence()) {
      if (auto problem = find_shared_collection(*it, seen)) return problem;
      continue;
    }
    if (auto problem = find_shared_collection(it->first, seen)) return problem;
    if (auto problem = find_shared_collection(it->second, seen)) return problem;
  }
  return std::nullopt;
}

}  // namespace

std::string located(const std::string& path, const FileProblem& problem) {
  std::string where = path;
  if (problem.line > 0) where += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
  return where + ": " + problem.message;
}

FileProblem problem_at(const YAML::Node& node, std::string message) {
  const auto& mark = node.Mark();
  return {std::move(message), mark.line + 1, mark.column + 1};
}

std::string_view type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "text";
  }
}

std::optional<FileProblem> check_keys(const YAML::Node& map, std::string_view what) {
  std::map<std::string, int> first_line;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) return problem_at(it->first, std::string(what) + " keys must be text");
    auto key = it->first.Scalar();
    auto [seen, inserted] = first_line.emplace(key, it->first.Mark().line + 1);
    if (!inserted)
      return problem_at(it->first,
                        "duplicate " + std::string(what) + " '" + key + "' (first at line " + std::to_string(seen->second) + ")");
  }
  return std::nullopt;
}

Expected<std::optional<std::string>, FileProblem> optional_text(const YAML::Node& parent, const char* key, std::string_view owner) {
  YAML::Node node = parent[key];
  if (!node || node.IsNull()) return std::optional<std::string>{};
  if (!node.IsScalar()) return problem_at(node, std::string(owner) + ": '" + key + "' must be text, not " + std::string(type_name(node)));
  return std::optional<std::string>{node.Scalar()};
}

Expected<YAML::Node, FileProblem> load_yaml(std::string_view text) {
  if (auto tab = find_indenting_tab(text)) return *tab;
  if (auto bytes = find_non_utf8(text)) return *bytes;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    std::set<std::size_t> collections;
    if (auto shared = find_shared_collection(root, collections)) return *shared;
    return root;
  } catch (const YAML::Exception& e) {
    return FileProblem{with_plain_hint(e.msg), e.mark.line + 1, e.mark.column + 1};
  }
}

}  // namespace tdb
