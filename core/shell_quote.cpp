#include "shell_quote.hpp"

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "utf8.hpp"

namespace tdb {

namespace {

constexpr std::array<std::pair<std::string_view, Shell>, 7> names{{
    {"bash", Shell::bash},
    {"zsh", Shell::zsh},
    {"fish", Shell::fish},
    {"pwsh", Shell::pwsh},
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

// dotenv: single quotes when they suffice; otherwise double quotes with backslash escapes, the
// dialect that python-dotenv and docker compose read.
std::string quote_dotenv(std::string_view value) {
  if (value.find_first_of("'\n\r") == std::string_view::npos) return "'" + std::string(value) + "'";
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '$':
        out += "\\$";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
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
    case Shell::dotenv:
      return quote_dotenv(value);
    case Shell::json:
      return quote_json(value);
  }
  return quote_posix(value);
}

}  // namespace tdb
