#include "model/instance_url.hpp"

#include <algorithm>
#include <cctype>

namespace tdb {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

bool is_host_char(unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_'; }

Problem bad_url(std::string_view url, std::string_view why) {
  return {"invalid instance URL '" + std::string(url) + "': " + std::string(why)};
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "[::1]") return true;
  if (host.substr(0, 4) != "127.") return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.')
      ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return dots == 3;
}

Expected<UrlParts> split_url(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return bad_url(url, "expected https://HOST");
  UrlParts parts;
  parts.scheme = lower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) return bad_url(url, "a query or fragment does not belong in an API base URL");
  auto path_start = rest.find('/');
  std::string_view authority = rest.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos ? std::string_view{} : rest.substr(path_start);
  if (authority.find('@') != std::string_view::npos) return bad_url(url, "user names and passwords do not belong in the URL");
  if (authority.empty()) return bad_url(url, "the host is missing");

  std::string_view host = authority;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(url, "unclosed '[' in the host");
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url(url, "unexpected text after the host");
      parts.port = std::string(after.substr(1));
    }
  } else if (auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    parts.port = std::string(authority.substr(colon + 1));
  }
  if (!parts.port.empty() || authority.back() == ':') {
    if (!is_all_digits(parts.port) || parts.port.size() > 5 || std::stoi(parts.port) > 65535)
      return bad_url(url, "the port must be a number up to 65535");
  }
  if (host.empty()) return bad_url(url, "the host is missing");
  if (host.front() != '[' && !std::all_of(host.begin(), host.end(), [](unsigned char c) { return is_host_char(c); }))
    return bad_url(url, "the host may hold only letters, digits, '-' and '.'");
  parts.host = lower(host);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (std::any_of(path.begin(), path.end(), [](unsigned char c) { return c <= ' ' || c >= 0x7f; }))
    return bad_url(url, "the path holds a space or control character");
  parts.path = std::string(path);
  return parts;
}

Expected<std::string> normalise_instance_url(std::string_view url) {
  auto parts = split_url(url);
  if (!parts) return parts.error();
  if (parts->scheme == "http") {
    if (!is_loopback_host(parts->host))
      return bad_url(url, "plain http:// would send the token unencrypted; use https:// (http:// is allowed only to localhost)");
  } else if (parts->scheme != "https") {
    return bad_url(url, "the scheme must be https://");
  }
  std::string result = parts->scheme + "://" + parts->host;
  if (!parts->port.empty()) result += ":" + parts->port;
  return result + parts->path;
}

std::string token_settings_page(std::string_view console_url) {
  while (console_url.ends_with('/')) console_url.remove_suffix(1);
  return std::string(console_url) + "/me/-/settings/tokens";
}

std::string likely_console_url(std::string_view api_url) {
  std::string console(api_url);
  if (auto at = console.find("://api."); at != std::string::npos) console.erase(at + 3, 4);
  return console;
}

}  // namespace tdb
