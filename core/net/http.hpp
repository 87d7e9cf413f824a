#pragma once
// HTTP for the network commands. One request per Transport::send (the seam tests replace);
// Client adds the policy: redirects followed by hand so that the token only goes to the origin
// it was meant for, plain HTTP only to loopback, and errors worded without the token in them.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/http_message.hpp"
#include "util/context.hpp"

namespace tdb::http {

// Sends exactly one request and never follows a redirect.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual RawResponse send(const RawRequest& request, const Settings& settings) = 0;
};

// The libcurl transport: the network helper triplydb-profile-http (see helper_candidates), run
// with `env` once per request. Throws Failure naming the paths it tried when it is not there.
std::unique_ptr<Transport> helper_transport(const std::filesystem::path& program_path, const Environment& env);

// Where the helper is looked for: the install layout first, then the build tree.
std::vector<std::filesystem::path> helper_candidates(const std::filesystem::path& program_path);

// The first candidate that can be run, found without starting it; nullopt when there is none.
std::optional<std::filesystem::path> find_helper(const std::filesystem::path& program_path);

// "the network helper ... is not installed (looked for A, B)".
std::string missing_helper_message(const std::filesystem::path& program_path);

struct Response {
  long status = 0;
  std::string body;
  std::string url;                        // after redirects
  std::optional<std::string> triply_api;  // set when a TriplyDB web console answered
  std::optional<std::string> content_type;
  bool token_withheld = false;  // a redirect left the origin, so no token was sent there
};

class Client {
 public:
  Client(Transport& transport, Settings settings, std::optional<std::string> token)
      : transport_(transport), settings_(std::move(settings)), token_(std::move(token)) {}

  // GET url; throws Failure (exit 1) on a refused URL, a transport error or too many redirects.
  // Any HTTP status comes back as a Response.
  Response get(const std::string& url) const { return fetch(url, true); }
  // The same without the token, for public endpoints such as /info.
  Response get_anonymous(const std::string& url) const { return fetch(url, false); }
  // POST, PATCH or DELETE with the token and an optional JSON body. A redirect is not followed
  // (what it asks would be done twice or elsewhere): it comes back as the Response.
  Response send(const std::string& method, const std::string& url, const std::optional<std::string>& body) const;

  // message with every occurrence of the token replaced: for anything that reaches a person.
  std::string scrub(std::string message) const;

 private:
  Response fetch(const std::string& url, bool with_token) const;

  Transport& transport_;
  Settings settings_;
  std::optional<std::string> token_;
};

// "https://host:port" of an absolute http(s) URL, with the default port made explicit; empty
// when the URL is not absolute http(s). Two URLs share an origin when these are equal.
std::string origin_of(const std::string& url);

// The URL a Location header points at, relative to the URL that answered.
std::string resolve_location(const std::string& base, const std::string& location);

}  // namespace tdb::http
