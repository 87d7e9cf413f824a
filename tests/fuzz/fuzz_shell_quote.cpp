// libFuzzer target: any value quoted for bash must come back byte for byte. The check is this
// file's own unquoter for bash words, which refuses anything bash would expand or split.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "shell/shell_quote.hpp"

namespace {

// What bash makes of one word, or nullopt when bash would do more than remove quotes: expand
// ($, `, globs, ~, {}), split (blanks), or treat it as syntax (; & | < > ( ) #). Handles '...',
// "...", $'...' and backslashes.
std::optional<std::string> bash_unquote(std::string_view word) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c == '\'') {
      auto end = word.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      out.append(word.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      for (++i;; ++i) {
        if (i >= word.size()) return std::nullopt;
        char q = word[i];
        if (q == '"') break;
        if (q == '$' || q == '`' || q == '!') return std::nullopt;
        if (q == '\\' && i + 1 < word.size() && std::string_view("$`\"\\\n").find(word[i + 1]) != std::string_view::npos) {
          ++i;
          if (word[i] != '\n') out += word[i];
          continue;
        }
        out += q;
      }
    } else if (c == '\\') {
      if (i + 1 >= word.size()) return std::nullopt;
      ++i;
      if (word[i] != '\n') out += word[i];
    } else if (std::string_view(" \t\n$`;&|<>()*?[]{}~#!=%^").find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view value(reinterpret_cast<const char*>(data), size);
  for (auto shell : {tdb::Shell::bash, tdb::Shell::zsh, tdb::Shell::posix}) {
    auto quoted = tdb::quote(shell, value);
    if (!quoted) {
      if (value.find('\0') == std::string_view::npos) std::abort();  // only NUL may be refused
      continue;
    }
    auto back = bash_unquote(*quoted);
    if (!back || *back != value) std::abort();
  }
  return 0;
}
