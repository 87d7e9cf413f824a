#include "model/token.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "model/instance_url.hpp"

namespace tdb {

namespace {

constexpr std::string_view legacy_issuer = "triply.cc";

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::string describe_character(unsigned char c) {
  static constexpr std::array<char, 17> hex{"0123456789ABCDEF"};
  std::string code = "0x";
  code += hex[c >> 4];
  code += hex[c & 0xF];
  if (c == ' ') return "a space";
  if (c == '\n') return "a newline";
  if (c == '\t') return "a tab";
  if (c == '\'' || c == '"' || c == '`') return std::string("a quote (") + static_cast<char>(c) + ")";
  if (c < 0x20 || c == 0x7F) return "a control character (" + code + ")";
  if (c >= 0x80) return "a non-ASCII byte (" + code + ")";
  return std::string("'") + static_cast<char>(c) + "'";
}

Problem token_problem(std::string_view why) { return {"the token is not a TriplyDB API token: " + std::string(why)}; }

std::optional<std::string> string_claim(const nlohmann::json& payload, const char* key) {
  auto it = payload.find(key);
  if (it == payload.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::int64_t> time_claim(const nlohmann::json& payload, const char* key) {
  auto it = payload.find(key);
  if (it == payload.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  double seconds = it->get<double>();
  if (!(seconds > -9e15 && seconds < 9e15)) return std::nullopt;  // also rejects NaN
  return static_cast<std::int64_t>(seconds);
}

}  // namespace

std::optional<std::string> decode_base64url(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value = base64url_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

namespace {

// Printable ASCII but space and the quotes and backslash that shells and YAML treat specially.
// One accumulator per test and arithmetic only, so that the compiler checks 16 bytes at a time
// (GCC turns a chain of `==` on one value into a bit test that it cannot vectorise).
bool has_only_token_characters(std::string_view token) {
  unsigned char outside = 0, quote = 0, double_quote = 0, backtick = 0, backslash = 0;
  for (char ch : token) {
    const auto c = static_cast<unsigned char>(ch);
    outside |= static_cast<unsigned char>((c <= 0x20) | (c >= 0x7F));
    quote |= static_cast<unsigned char>(c == '\'');
    double_quote |= static_cast<unsigned char>(c == '"');
    backtick |= static_cast<unsigned char>(c == '`');
    backslash |= static_cast<unsigned char>(c == '\\');
  }
  return (outside | quote | double_quote | backtick | backslash) == 0;
}

}  // namespace

std::optional<Problem> token_shape_problem(std::string_view token) {
  if (token.empty()) return token_problem("it is empty");
  static constexpr auto allowed = [] {
    std::array<bool, 256> table{};
    for (int c = 0x21; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = c != '\'' && c != '"' && c != '`' && c != '\\';
    return table;
  }();
  // A snapshot's records are checked with this: the slow pass that says where runs only for a
  // token with a character it may not have.
  const bool all_allowed = has_only_token_characters(token);
  for (std::size_t i = 0; !all_allowed && i < token.size(); ++i) {
    auto c = static_cast<unsigned char>(token[i]);
    if (!allowed[c]) return token_problem("it contains " + describe_character(c) + " at character " + std::to_string(i + 1));
  }
  auto first_dot = token.find('.');
  auto second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos)
    return token_problem("a JWT has three parts separated by '.'");
  // A JWT's header and payload are JSON objects, so neither part can be empty.
  if (first_dot == 0 || second_dot == first_dot + 1) return token_problem("its header or payload part is empty");
  return std::nullopt;
}

Expected<TokenClaims> read_token(std::string_view token) {
  if (auto problem = token_shape_problem(token)) return *problem;
  auto first_dot = token.find('.');
  auto second_dot = token.find('.', first_dot + 1);
  auto payload_text = decode_base64url(token.substr(first_dot + 1, second_dot - first_dot - 1));
  if (!decode_base64url(token.substr(0, first_dot)) || !payload_text) return token_problem("its parts are not base64url");
  auto payload = nlohmann::json::parse(*payload_text, nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) return token_problem("its payload is not a JSON object");

  TokenClaims claims;
  claims.uid = string_claim(payload, "uid");
  claims.issuer = string_claim(payload, "iss");
  claims.token_id = string_claim(payload, "jti");
  claims.issued_at = time_claim(payload, "iat");
  claims.expires_at = time_claim(payload, "exp");
  return claims;
}

std::string instance_from_claims(const TokenClaims& claims) {
  if (!claims.issuer || claims.issuer->empty() || *claims.issuer == legacy_issuer) return std::string(default_instance);
  std::string url = *claims.issuer;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

bool is_expired(const TokenClaims& claims, std::int64_t now_seconds) { return claims.expires_at && *claims.expires_at <= now_seconds; }

std::string mask_token(std::string_view token) {
  if (token.size() <= 8) return "****";
  return "****" + std::string(token.substr(token.size() - 4));
}

// A token is found by its shape: three parts separated by '.', starting where a run of base64url
// characters starts; the parts may hold any character a token may (padding, an odd signature).
std::string mask_tokens_in(std::string_view text) {
  auto is_b64 = [](char c) { return base64url_value(c) >= 0; };
  auto is_signature_char = [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && c != '\'' && c != '"' && c != '`' && c != '\\' && c != '.';
  };
  auto skip = [&](std::size_t at, auto&& keep) {
    while (at < text.size() && keep(text[at])) ++at;
    return at;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool starts_run = is_b64(text[i]) && (i == 0 || !is_b64(text[i - 1]));
    std::size_t header_end = starts_run ? skip(i, is_signature_char) : i;
    if (starts_run && header_end < text.size() && text[header_end] == '.') {
      std::size_t payload_end = skip(header_end + 1, is_signature_char);
      if (payload_end < text.size() && text[payload_end] == '.') {
        std::size_t end = skip(payload_end + 1, is_signature_char);
        std::string_view candidate = text.substr(i, end - i);
        if (read_token(candidate)) {
          out += mask_token(candidate);
          i = end;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace tdb
