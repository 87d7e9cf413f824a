#include "shell/shell_quote.hpp"

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "util/utf8.hpp"

namespace tdb {

namespace {

constexpr std::array<std::pair<std::string_view, Shell>, 10> names{{
    {"bash", Shell::bash},
    {"zsh", Shell::zsh},
    {"fish", Shell::fish},
    {"pwsh", Shell::pwsh},
    {"nu", Shell::nu},
    {"elvish", Shell::elvish},
    {"xonsh", Shell::xonsh},
    {"posix", Shell::posix},
    {"dotenv", Shell::dotenv},
    {"json", Shell::json},
}};

// POSIX single quotes keep every byte but the quote itself, which is spelled '\''.
std::string quote_posix(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out += '\'';
  for (auto quote = value.find('\''); quote != std::string_view::npos; quote = value.find('\'')) {
    out.append(value.substr(0, quote)).append("'\\''");
    value.remove_prefix(quote + 1);
  }
  out.append(value).append("'");
  return out;
}

// In fish's single quotes only \\ and \' are escapes.
std::string quote_fish(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string hex(std::uint32_t value) {
  static constexpr std::string_view digits = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), digits[value & 0xF]);
    value >>= 4;
  } while (value != 0);
  return "0x" + out;
}

// PowerShell: printable ASCII in single quotes ('' for '); every other character as a [char]
// expression, so the text is pure ASCII whatever the console's encoding, and the curly quotes
// U+2018..U+201B, which PowerShell also ends single-quoted strings with, never appear literally.
Expected<std::string> quote_pwsh(std::string_view value) {
  std::string out;
  std::string literal;
  auto append = [&](const std::string& piece) { out += out.empty() ? piece : " + " + piece; };
  auto flush_literal = [&] {
    if (!literal.empty()) append("'" + literal + "'");
    literal.clear();
  };
  for (std::size_t i = 0; i < value.size();) {
    auto cp = next_code_point(value, i);
    if (!cp) return Problem{"the value is not valid UTF-8, which PowerShell cannot hold"};
    if (*cp >= 0x20 && *cp < 0x7F) {
      if (*cp == '\'') literal += '\'';
      literal += static_cast<char>(*cp);
      continue;
    }
    flush_literal();
    append(*cp <= 0xFFFF ? "[string][char]" + hex(*cp) : "[char]::ConvertFromUtf32(" + hex(*cp) + ")");
  }
  flush_literal();
  if (out.empty()) return std::string("''");
  return "(" + out + ")";
}

// nushell's double quotes: \" and \\ for the quote and the backslash, every control character as
// \u{HEX} (nushell drops some when they stand literally in the text), the rest as it is.
Expected<std::string> quote_nu(std::string_view value) {
  if (find_invalid_utf8(value)) return Problem{"the value is not valid UTF-8, which nushell cannot hold"};
  std::string out = "\"";
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\')
      out.append("\\").append(1, c);
    else if (byte < 0x20 || byte == 0x7F)
      out.append("\\u{").append(hex(byte).substr(2)).append("}");
    else
      out += c;
  }
  return out + "\"";
}

// elvish's single quotes keep every character but the quote itself, which is doubled.
Expected<std::string> quote_elvish(std::string_view value) {
  if (find_invalid_utf8(value)) return Problem{"the value is not valid UTF-8, which elvish code cannot hold"};
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// xonsh reads Python string literals: printable ASCII as it is (\\ and \' escaped), every other
// character as \xHH, \uHHHH or \UHHHHHHHH, so the text is ASCII whatever the terminal's encoding.
Expected<std::string> quote_xonsh(std::string_view value) {
  std::string out = "'";
  for (std::size_t i = 0; i < value.size();) {
    auto cp = next_code_point(value, i);
    if (!cp) return Problem{"the value is not valid UTF-8, which a xonsh string cannot hold"};
    if (*cp >= 0x20 && *cp < 0x7F) {
      if (*cp == '\\' || *cp == '\'') out += '\\';
      out += static_cast<char>(*cp);
      continue;
    }
    const auto digits = hex(*cp).substr(2);
    const std::size_t width = *cp <= 0xFF ? 2 : *cp <= 0xFFFF ? 4 : 8;
    out.append(*cp <= 0xFF ? "\\x" : *cp <= 0xFFFF ? "\\u" : "\\U").append(width - digits.size(), '0').append(digits);
  }
  return out + "'";
}

// dotenv files are read by python-dotenv (dotenv_values, load_dotenv) and npm dotenv (parse,
// config), with their default options. A form is used only where both read the value back as it is.
// python-dotenv replaces ${NAME} and ${NAME:-default} in every form, npm dotenv in none, so such a
// value has no form. The pattern below is python-dotenv's.
bool holds_python_dotenv_variable(std::string_view value) {
  for (auto at = value.find("${"); at != std::string_view::npos; at = value.find("${", at + 1)) {
    auto end = value.find_first_of("}:", at + 2);
    if (end == std::string_view::npos) return false;
    if (value[end] == '}') return true;
    if (value.substr(end, 2) == ":-" && value.find('}', end + 2) != std::string_view::npos) return true;
  }
  return false;
}

// Single quotes: literal in npm dotenv; python-dotenv turns \\ into \ and \' into ', and a
// backslash at the end escapes the closing quote. Both read a carriage return as a line feed.
bool fits_single_quotes(std::string_view value) {
  return value.find_first_of("'\r") == std::string_view::npos && value.find("\\\\") == std::string_view::npos &&
         (value.empty() || value.back() != '\\');
}

// Double quotes: both turn \n and \r into a line feed and a carriage return; python-dotenv also
// decodes \\, \', \", \t and the like, which npm dotenv keeps, so no " and no \ before those (or
// before a line break, which becomes \n, or at the end, where it would escape the closing quote).
bool fits_double_quotes(std::string_view value) {
  if (value.find('"') != std::string_view::npos) return false;
  constexpr std::string_view decoded = "\\'\"abfnrtv\n\r";
  for (auto at = value.find('\\'); at != std::string_view::npos; at = value.find('\\', at + 1))
    if (at + 1 == value.size() || decoded.find(value[at + 1]) != std::string_view::npos) return false;
  return true;
}

// Whitespace that python-dotenv (str.isspace) or npm dotenv (String.trim) strips from the ends.
bool is_trimmed(std::uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp == 0x180E ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

// Unquoted: one line without # (a comment in npm dotenv) and without U+2028 or U+2029 (line ends
// for npm dotenv's patterns), not starting with a quote, which would open one, nor starting or
// ending with whitespace, which both readers trim. The value is valid UTF-8.
bool fits_unquoted(std::string_view value) {
  if (value.empty() || value.find_first_of("#\n\r") != std::string_view::npos) return false;
  if (value.find("\u2028") != std::string_view::npos || value.find("\u2029") != std::string_view::npos) return false;
  if (value.front() == '\'' || value.front() == '"' || value.front() == '`') return false;
  std::size_t first = 0, last = value.size() - 1;
  while (last > 0 && (static_cast<unsigned char>(value[last]) & 0xC0) == 0x80) --last;
  return !is_trimmed(next_code_point(value, first).value_or(0)) && !is_trimmed(next_code_point(value, last).value_or(0));
}

std::string double_quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  return out + "\"";
}

// Single quotes where they fit, else double quotes, else none; a value with a line break prefers
// double quotes, so that every assignment stays on one line.
Expected<std::string> quote_dotenv(std::string_view value) {
  if (find_invalid_utf8(value)) return Problem{"the value is not valid UTF-8, which dotenv readers cannot hold"};
  if (holds_python_dotenv_variable(value))
    return Problem{"python-dotenv would replace the ${...} in the value with a variable's value, whatever the quoting"};
  const bool line_break = value.find_first_of("\n\r") != std::string_view::npos;
  if (line_break && fits_double_quotes(value)) return double_quoted(value);
  if (fits_single_quotes(value)) return "'" + std::string(value) + "'";
  if (fits_double_quotes(value)) return double_quoted(value);
  if (fits_unquoted(value)) return std::string(value);
  return Problem{"no dotenv quoting reads the value back unchanged in both python-dotenv and npm dotenv"};
}

Expected<std::string> quote_json(std::string_view value) {
  try {
    return nlohmann::json(std::string(value)).dump();
  } catch (const nlohmann::json::exception&) {
    return Problem{"the value is not valid UTF-8, which JSON cannot hold"};
  }
}

}  // namespace

std::optional<Shell> parse_shell(std::string_view name) {
  for (const auto& [candidate, shell] : names)
    if (candidate == name) return shell;
  if (name == "powershell") return Shell::pwsh;
  if (name == "sh") return Shell::posix;
  return std::nullopt;
}

std::string_view shell_name(Shell shell) {
  for (const auto& [candidate, value] : names)
    if (value == shell) return candidate;
  return "posix";
}

Expected<std::string> quote(Shell shell, std::string_view value) {
  if (value.find('\0') != std::string_view::npos) return Problem{"the value contains a NUL character, which no shell variable can hold"};
  switch (shell) {
    case Shell::bash:
    case Shell::zsh:
    case Shell::posix:
      return quote_posix(value);
    case Shell::fish:
      return quote_fish(value);
    case Shell::pwsh:
      return quote_pwsh(value);
    case Shell::nu:
      return quote_nu(value);
    case Shell::elvish:
      return quote_elvish(value);
    case Shell::xonsh:
      return quote_xonsh(value);
    case Shell::dotenv:
      return quote_dotenv(value);
    case Shell::json:
      return quote_json(value);
  }
  return quote_posix(value);
}

}  // namespace tdb
