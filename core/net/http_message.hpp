#pragma once
// What one HTTP exchange is made of: the settings, the request and the response as the transport
// sees them. Shared by the client (http) and the wire format to the helper (http_wire), so that
// neither depends on the other's header.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace tdb::http {

struct Settings {
  std::optional<std::filesystem::path> ca_file;  // none: the system's CA store
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds total_timeout{std::chrono::seconds(30)};
  int max_redirects = 5;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
};

enum class TransportFailure { none, resolve, connect, timeout, certificate, tls, other };

struct RawRequest {
  std::string url;
  std::optional<std::string> bearer_token;
  std::string method = "GET";                      // GET, POST, PATCH or DELETE
  std::optional<std::string> body = std::nullopt;  // sent as application/json
};

struct RawResponse {
  long status = 0;
  std::string body;
  std::optional<std::string> location, triply_api, content_type;
  TransportFailure failure = TransportFailure::none;
  std::string error;  // transport error text when failure != none
};

}  // namespace tdb::http
