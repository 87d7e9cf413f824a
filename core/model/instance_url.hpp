#pragma once
// API base URLs of TriplyDB instances: one spelling per instance, and only schemes that keep
// the token safe in transit. Pure: no I/O.
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace tdb {

inline constexpr std::string_view default_instance = "https://api.triplydb.com";

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // lower case; IPv6 literals keep their brackets
  std::string port;    // empty when absent
  std::string path;    // without trailing '/'
};

Expected<UrlParts> split_url(std::string_view url);

// Scheme and host in lower case, no trailing '/', no query, fragment or user info.
// https:// anywhere; http:// only to a loopback host.
Expected<std::string> normalise_instance_url(std::string_view url);

bool is_loopback_host(std::string_view host);

// The web console's page where people make and delete tokens: `{console}/me/-/settings/tokens`.
std::string token_settings_page(std::string_view console_url);

// Where the console of an API usually lives, when the instance has not said (/info's consoleUrl):
// the API's host without "api.". A convention, not a rule.
std::string likely_console_url(std::string_view api_url);

}  // namespace tdb
