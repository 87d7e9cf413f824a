#include "net/http_wire.hpp"

#include "util/wire_fields.hpp"

namespace tdb::http {

namespace {

constexpr std::string_view first_line = "triplydb-profile-http 1\n";

using wire::FieldReader;
using wire::FieldWriter;

bool is_known_method(std::string_view method) { return method == "GET" || method == "POST" || method == "PATCH" || method == "DELETE"; }

constexpr long long max_milliseconds = 24LL * 60 * 60 * 1000;
constexpr long long max_body = 1LL << 30;

}  // namespace

std::string encode_request(const RawRequest& request, const Settings& settings) {
  FieldWriter out(first_line);
  out.text("url", request.url);
  out.optional_text("token", request.bearer_token);
  if (request.method != "GET") out.text("method", request.method);
  out.optional_text("body", request.body);
  if (settings.ca_file) out.text("ca-file", settings.ca_file->string());
  out.number("connect-timeout-ms", settings.connect_timeout.count());
  out.number("total-timeout-ms", settings.total_timeout.count());
  out.number("max-body-bytes", static_cast<long long>(settings.max_body_bytes));
  return out.take();
}

std::optional<HelperRequest> decode_request(std::string_view bytes) {
  auto fields = wire::read_fields(bytes, first_line);
  if (!fields) return std::nullopt;
  FieldReader in(std::move(*fields));
  HelperRequest decoded;
  decoded.request.url = in.text("url");
  decoded.request.bearer_token = in.optional_text("token");
  decoded.request.method = in.optional_text("method").value_or("GET");
  if (!is_known_method(decoded.request.method)) return std::nullopt;
  decoded.request.body = in.optional_text("body");
  if (auto ca_file = in.optional_text("ca-file")) decoded.settings.ca_file = std::filesystem::path(*ca_file);
  decoded.settings.connect_timeout = std::chrono::milliseconds(in.number("connect-timeout-ms", 1, max_milliseconds));
  decoded.settings.total_timeout = std::chrono::milliseconds(in.number("total-timeout-ms", 1, max_milliseconds));
  decoded.settings.max_body_bytes = static_cast<std::size_t>(in.number("max-body-bytes", 0, max_body));
  if (!in.ok()) return std::nullopt;
  return decoded;
}

std::string encode_response(const RawResponse& response) {
  FieldWriter out(first_line);
  out.number("status", response.status);
  out.number("failure", static_cast<long long>(response.failure));
  out.text("body", response.body);
  out.optional_text("location", response.location);
  out.optional_text("triply-api", response.triply_api);
  out.optional_text("content-type", response.content_type);
  if (response.failure != TransportFailure::none) out.text("error", response.error);
  return out.take();
}

std::optional<RawResponse> decode_response(std::string_view bytes) {
  auto fields = wire::read_fields(bytes, first_line);
  if (!fields) return std::nullopt;
  FieldReader in(std::move(*fields));
  RawResponse decoded;
  decoded.status = static_cast<long>(in.number("status", 0, 999));
  decoded.failure = static_cast<TransportFailure>(in.number("failure", 0, static_cast<long long>(TransportFailure::other)));
  decoded.body = in.text("body");
  decoded.location = in.optional_text("location");
  decoded.triply_api = in.optional_text("triply-api");
  decoded.content_type = in.optional_text("content-type");
  if (decoded.failure != TransportFailure::none) decoded.error = in.text("error");
  if (!in.ok()) return std::nullopt;
  return decoded;
}

}  // namespace tdb::http
