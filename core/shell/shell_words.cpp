#include "shell/shell_words.hpp"

#include "shell/shell_quote.hpp"

namespace tdb {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Unquoted, these would make a shell do something other than pass the character on.
bool is_shell_syntax(char c) {
  static constexpr std::string_view special = "$`;|&<>()";
  return special.find(c) != std::string_view::npos;
}

Problem refusal(std::string_view what, std::size_t at) {
  return {std::string(what) + " at character " + std::to_string(at + 1) + "; quote it, or write the command as a YAML list"};
}

}  // namespace

Expected<std::vector<std::string>> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (is_blank(c)) {
      if (in_word) words.push_back(std::exchange(word, {}));
      in_word = false;
      continue;
    }
    if (c == '\'') {
      auto end = text.find('\'', i + 1);
      if (end == std::string_view::npos) return Problem{"a single quote at character " + std::to_string(i + 1) + " is not closed"};
      word.append(text.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      std::size_t start = i;
      for (++i;; ++i) {
        if (i >= text.size()) return Problem{"a double quote at character " + std::to_string(start + 1) + " is not closed"};
        char q = text[i];
        if (q == '"') break;
        if (q == '$' || q == '`') return refusal(std::string("'") + q + "' inside double quotes would be expanded by a shell", i);
        if (q == '\\' && i + 1 < text.size() && std::string_view("\"\\$`\n").find(text[i + 1]) != std::string_view::npos) {
          ++i;
          if (text[i] != '\n') word += text[i];  // backslash-newline joins lines
          continue;
        }
        word += q;
      }
    } else if (c == '\\') {
      if (i + 1 >= text.size()) return Problem{"the command ends with a backslash"};
      ++i;
      if (text[i] != '\n') word += text[i];
    } else if (is_shell_syntax(c)) {
      return refusal(std::string("'") + c + "' would be shell syntax, but no shell runs this command", i);
    } else if (!in_word && (c == '#' || c == '~')) {
      return refusal(std::string("'") + c + "' at the start of a word would be shell syntax", i);
    } else {
      word += c;
    }
    in_word = true;
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::string shell_word(std::string_view word) {
  bool plain = !word.empty() &&
               word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-+=:,@%") == std::string::npos;
  auto quoted = quote(Shell::posix, word);  // fails only for NUL, which no argument can hold
  return plain || !quoted ? std::string(word) : *quoted;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string line;
  for (const auto& word : words) {
    if (!line.empty()) line += ' ';
    line += shell_word(word);
  }
  return line;
}

}  // namespace tdb
