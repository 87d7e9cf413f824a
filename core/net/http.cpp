#include "net/http.hpp"

#include <vector>

#include "model/instance_url.hpp"
#include "net/http_wire.hpp"
#include "util/error.hpp"
#include "util/helper_program.hpp"
#include "util/process.hpp"

namespace tdb::http {
namespace {

constexpr const char* helper_file_name = "triplydb-profile-http";

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
    throw Failure("refusing " + what +
                  ": plain http:// is only allowed to this machine "
                  "(localhost, 127.0.0.1, ::1); use https://");
}

std::string describe(const RawResponse& raw, const std::string& url) {
  const std::string origin = origin_of(url);
  switch (raw.failure) {
    case TransportFailure::resolve:
    case TransportFailure::connect:
      return "cannot reach " + origin + ": " + raw.error;
    case TransportFailure::timeout:
      return origin + " did not answer in time: " + raw.error;
    case TransportFailure::certificate:
      return "cannot verify the TLS certificate of " + origin + ": " + raw.error +
             "; if the instance uses a private CA, name its certificate with --cacert FILE or "
             "TRIPLYDB_CA_BUNDLE=FILE";
    case TransportFailure::tls:
      return "TLS handshake with " + origin + " failed: " + raw.error;
    default:
      return "request to " + url + " failed: " + raw.error;
  }
}

bool is_redirect(long status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// The network helper, started once per request with the request on its standard input.
class HelperTransport final : public Transport {
 public:
  // The shell's TRIPLYDB_TOKEN and the rest stay behind: the helper gets its token on the pipe,
  // and only for the origin it may go to. Proxy and CA settings pass through to libcurl.
  HelperTransport(std::filesystem::path helper, const Environment& env)
      : helper_(std::move(helper)), env_(env.without_prefix("TRIPLYDB_")) {}

  RawResponse send(const RawRequest& request, const Settings& settings) override {
    // Room for the body and the framing; time for libcurl's own timeout to fire first.
    const ProcessRequest run_request{{helper_.string()},
                                     encode_request(request, settings),
                                     settings.max_body_bytes + 64 * 1024,
                                     settings.total_timeout + std::chrono::seconds(5)};
    auto run = run_process(run_request, env_);
    if (!run) throw Failure(describe(run.error()));
    if (run->signal) throw Failure("the network helper " + helper_.string() + " was ended by signal " + std::to_string(*run->signal));
    if (run->status != 0) throw Failure("the network helper " + helper_.string() + " failed: reinstall triplydb-profile");
    auto response = decode_response(run->output);
    if (!response)
      throw Failure("the network helper " + helper_.string() +
                    " answered in a form this version does not read: reinstall triplydb-profile");
    return std::move(*response);
  }

 private:
  std::string describe(const ProcessProblem& problem) const {
    const std::string what = "the network helper " + helper_.string();
    switch (problem.failure) {
      case ProcessFailure::cannot_start:
        return "cannot run " + what + ": " + problem.detail;
      case ProcessFailure::timed_out:
        return what + " did not finish in time and was stopped";
      case ProcessFailure::too_much_output:
        return what + " answered with more than the response limit";
      case ProcessFailure::broken_pipe:
        break;
    }
    return "cannot talk to " + what + ": " + problem.detail;
  }

  std::filesystem::path helper_;
  Environment env_;
};

}  // namespace

std::vector<std::filesystem::path> helper_candidates(const std::filesystem::path& program_path) {
  return ::tdb::helper_candidates(program_path, helper_file_name);
}

std::optional<std::filesystem::path> find_helper(const std::filesystem::path& program_path) {
  return ::tdb::find_helper(program_path, helper_file_name);
}

std::string missing_helper_message(const std::filesystem::path& program_path) {
  return ::tdb::missing_helper_message(program_path, helper_file_name, "network helper");
}

std::unique_ptr<Transport> helper_transport(const std::filesystem::path& program_path, const Environment& env) {
  if (auto helper = find_helper(program_path)) return std::make_unique<HelperTransport>(*helper, env);
  throw Failure(missing_helper_message(program_path) + ": reinstall triplydb-profile");
}

namespace {

// The final answer, from `url`, into `response` (which may already say the token was held back).
Response answer(RawResponse&& raw, const std::string& url, Response response) {
  response.status = raw.status;
  response.body = std::move(raw.body);
  response.url = url;
  response.triply_api = std::move(raw.triply_api);
  response.content_type = std::move(raw.content_type);
  return response;
}

}  // namespace

Response Client::send(const std::string& method, const std::string& url, const std::optional<std::string>& body) const {
  check_allowed(url, false);
  RawResponse raw = transport_.send({url, token_, method, body}, settings_);
  if (raw.failure != TransportFailure::none) throw Failure(scrub(describe(raw, url)));
  return answer(std::move(raw), url, Response{});
}

Response Client::fetch(const std::string& start_url, bool with_token) const {
  const std::string first_origin = origin_of(start_url);
  std::string url = start_url;
  Response response;
  for (int hop = 0;; ++hop) {
    check_allowed(url, hop > 0);
    const bool same_origin = origin_of(url) == first_origin;
    response.token_withheld = response.token_withheld || (with_token && !same_origin);
    RawResponse raw = transport_.send({url, same_origin && with_token ? token_ : std::nullopt, "GET", std::nullopt}, settings_);
    if (raw.failure != TransportFailure::none) throw Failure(scrub(describe(raw, url)));
    if (!is_redirect(raw.status) || !raw.location) return answer(std::move(raw), url, std::move(response));
    if (hop == settings_.max_redirects)
      throw Failure(scrub("too many redirects from " + start_url + " (more than " + std::to_string(settings_.max_redirects) + ")"));
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
