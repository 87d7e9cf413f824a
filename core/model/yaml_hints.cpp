#include "model/yaml_hints.hpp"

#include <string_view>
#include <utility>

namespace tdb {

std::string with_plain_hint(const std::string& message) {
  static constexpr std::pair<std::string_view, std::string_view> hints[] = {
      {"illegal map value", "a ':' where YAML does not expect one; put quotes around a value that holds ': ', or check the indentation"},
      {"end of map not found", "a line indented less or more than the keys around it, or a '{' without its '}'"},
      {"end of map flow not found", "a '{' without its '}'"},
      {"end of sequence not found", "a '[' without its ']', or a '- ' item indented differently from the others"},
      {"end of sequence flow not found", "a '[' without its ']'"},
      {"illegal block entry", "a '- ' list item where a key or a value was expected; check the indentation"},
      {"illegal map key", "a key where YAML does not expect one; check the indentation"},
      {"unknown escape character", "in \"double quotes\" a backslash starts an escape: use 'single quotes', or write \\\\"},
      {"illegal EOF in scalar", "a quote that is never closed"},
      {"unknown token", "a character that cannot start a value here (such as '@' or '`'); put the value in quotes"},
  };
  for (const auto& [bare, hint] : hints)
    if (message.starts_with(bare)) return message + ": " + std::string(hint);
  return message;
}

}  // namespace tdb
