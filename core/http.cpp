#include "http.hpp"

#include <dlfcn.h>

#include <vector>

#include "error.hpp"
#include "http_module/http_module.h"
#include "instance_url.hpp"

namespace tdb::http {
namespace {

#ifndef TRIPLYDB_MODULE_RELATIVE_DIR
#define TRIPLYDB_MODULE_RELATIVE_DIR "../lib/triplydb-profile"  // from the executable's directory
#endif

constexpr const char* module_file_name = "triplydb-profile-http.so";

// The parts of an absolute http(s) URL, ignoring any query and fragment.
std::optional<UrlParts> split_http_url(const std::string& url) {
  auto parts = split_url(url.substr(0, url.find_first_of("?#")));
  if (!parts || (parts->scheme != "http" && parts->scheme != "https")) return std::nullopt;
  UrlParts result = *parts;
  if (result.port.empty()) result.port = result.scheme == "https" ? "443" : "80";
  return result;
}

void check_allowed(const std::string& url, bool after_redirect) {
  const std::string what = after_redirect ? "the instance redirected to " + url : url;
  const auto parts = split_http_url(url);
  if (!parts) throw Failure("refusing " + what + ": only http:// and https:// URLs are supported");
  if (parts->scheme == "http" && !is_loopback_host(parts->host))
    throw Failure("refusing " + what + ": plain http:// is only allowed to this machine "
                  "(localhost, 127.0.0.1, ::1); use https://");
}

std::string describe(const RawResponse& raw, const std::string& url) {
  const std::string origin = origin_of(url);
  switch (raw.failure) {
    case TransportFailure::resolve:
    case TransportFailure::connect: return "cannot reach " + origin + ": " + raw.error;
    case TransportFailure::timeout: return origin + " did not answer in time: " + raw.error;
    case TransportFailure::certificate:
      return "cannot verify the TLS certificate of " + origin + ": " + raw.error +
             "; if the instance uses a private CA, name its certificate with --cacert FILE or "
             "TRIPLYDB_CA_BUNDLE=FILE";
    case TransportFailure::tls: return "TLS handshake with " + origin + " failed: " + raw.error;
    default: return "request to " + url + " failed: " + raw.error;
  }
}

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string optional_text(const char* text) { return text ? std::string(text) : std::string(); }

// The libcurl module, loaded once per process and kept for its lifetime.
class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(const tdb_http_module* module) : module_(module) {}

  RawResponse send(const RawRequest& request, const Settings& settings) override {
    const std::string ca_file = settings.ca_file ? settings.ca_file->string() : std::string();
    const tdb_http_request raw_request{
        "GET",
        request.url.c_str(),
        request.bearer_token ? request.bearer_token->c_str() : nullptr,
        settings.ca_file ? ca_file.c_str() : nullptr,
        "triplydb-profile",
        static_cast<long>(settings.connect_timeout.count()),
        static_cast<long>(settings.total_timeout.count()),
        settings.max_body_bytes};
    tdb_http_response raw{};
    if (module_->perform(&raw_request, &raw) != 0) throw Failure("out of memory in the network module");
    RawResponse response;
    response.status = raw.status;
    if (raw.body) response.body.assign(raw.body, raw.body_size);
    if (raw.location) response.location = raw.location;
    if (raw.triply_api) response.triply_api = raw.triply_api;
    if (raw.content_type) response.content_type = raw.content_type;
    response.failure = static_cast<TransportFailure>(raw.failure);
    response.error = optional_text(raw.error);
    module_->free_response(&raw);
    return response;
  }

 private:
  const tdb_http_module* module_;
};

}  // namespace

std::vector<std::filesystem::path> module_candidates(const std::filesystem::path& program_path) {
  std::error_code error;
  auto real = std::filesystem::canonical(program_path, error);
  if (error) real = program_path;
  const auto directory = real.parent_path();
  return {(directory / TRIPLYDB_MODULE_RELATIVE_DIR / module_file_name).lexically_normal(),
          directory / module_file_name};
}

std::unique_ptr<Transport> load_curl_transport(const std::filesystem::path& program_path) {
  std::string tried;
  for (const auto& candidate : module_candidates(program_path)) {
    std::error_code error;
    if (!std::filesystem::exists(candidate, error)) {
      tried += (tried.empty() ? "" : ", ") + candidate.string();
      continue;
    }
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw Failure("cannot load the network module: " + optional_text(dlerror()));
    using Entry = const tdb_http_module* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, TDB_HTTP_ENTRY_SYMBOL));
    const tdb_http_module* module = entry ? entry() : nullptr;
    if (!module || module->abi_version != TDB_HTTP_ABI_VERSION)
      throw Failure("the network module " + candidate.string() +
                    " belongs to another version of triplydb-profile: reinstall triplydb-profile");
    return std::make_unique<CurlTransport>(module);
  }
  throw Failure("the network module " + std::string(module_file_name) + " is not installed (looked for " +
                tried + "): reinstall triplydb-profile");
}

Response Client::fetch(const std::string& start_url, bool with_token) const {
  const std::string first_origin = origin_of(start_url);
  std::string url = start_url;
  Response response;
  for (int hop = 0;; ++hop) {
    check_allowed(url, hop > 0);
    const bool same_origin = origin_of(url) == first_origin;
    response.token_withheld = response.token_withheld || (with_token && !same_origin);
    RawResponse raw = transport_.send({url, same_origin && with_token ? token_ : std::nullopt}, settings_);
    if (raw.failure != TransportFailure::none) throw Failure(scrub(describe(raw, url)));
    if (!is_redirect(raw.status) || !raw.location) {
      response.status = raw.status;
      response.body = std::move(raw.body);
      response.url = url;
      response.triply_api = std::move(raw.triply_api);
      response.content_type = std::move(raw.content_type);
      return response;
    }
    if (hop == settings_.max_redirects)
      throw Failure(scrub("too many redirects from " + start_url + " (more than " +
                          std::to_string(settings_.max_redirects) + ")"));
    url = resolve_location(url, *raw.location);
  }
}

std::string origin_of(const std::string& url) {
  const auto parts = split_http_url(url);
  return parts ? parts->scheme + "://" + parts->host + ":" + parts->port : std::string();
}

std::string resolve_location(const std::string& base, const std::string& location) {
  if (location.find("://") != std::string::npos) return location;
  const auto scheme_end = base.find("://");
  if (scheme_end == std::string::npos) return location;
  if (location.starts_with("//")) return base.substr(0, scheme_end + 1) + location;
  const auto path_start = base.find_first_of("/?#", scheme_end + 3);
  const std::string root = base.substr(0, path_start);
  if (location.starts_with('/')) return root + location;
  std::string path = path_start == std::string::npos ? "/" : base.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));
  return root + path.substr(0, path.rfind('/') + 1) + location;
}

std::string Client::scrub(std::string message) const {
  if (!token_ || token_->empty()) return message;
  for (auto at = message.find(*token_); at != std::string::npos; at = message.find(*token_, at))
    message.replace(at, token_->size(), "<token>");
  return message;
}

}  // namespace tdb::http
