#include "net/http_wire.hpp"

#include <charconv>
#include <map>

namespace tdb::http {

namespace {

constexpr std::string_view first_line = "triplydb-profile-http 1\n";

class FieldWriter {
 public:
  FieldWriter() : out_(first_line) {}
  void text(std::string_view name, std::string_view value) {
    out_.append(name).append(" ").append(std::to_string(value.size())).append("\n").append(value).append("\n");
  }
  void number(std::string_view name, long long value) { text(name, std::to_string(value)); }
  void optional_text(std::string_view name, const std::optional<std::string>& value) {
    if (value) text(name, *value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

using Fields = std::map<std::string, std::string, std::less<>>;

std::optional<long long> parse_number(std::string_view text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Every field of a message, when it is one: right first line, each name once, nothing left over.
std::optional<Fields> read_fields(std::string_view bytes) {
  if (bytes.substr(0, first_line.size()) != first_line) return std::nullopt;
  bytes.remove_prefix(first_line.size());
  Fields fields;
  while (!bytes.empty()) {
    const auto line_end = bytes.find('\n');
    const auto space = bytes.substr(0, line_end).find(' ');
    if (line_end == std::string_view::npos || space == std::string_view::npos || space == 0) return std::nullopt;
    const std::string_view name = bytes.substr(0, space);
    const auto length = parse_number(bytes.substr(space + 1, line_end - space - 1));
    bytes.remove_prefix(line_end + 1);
    if (!length || *length < 0 || static_cast<unsigned long long>(*length) >= bytes.size()) return std::nullopt;
    const auto size = static_cast<std::size_t>(*length);
    if (bytes[size] != '\n') return std::nullopt;
    if (!fields.emplace(std::string(name), std::string(bytes.substr(0, size))).second) return std::nullopt;
    bytes.remove_prefix(size + 1);
  }
  return fields;
}

// Takes fields out of a message; a missing or malformed required one fails the whole message.
class FieldReader {
 public:
  explicit FieldReader(Fields fields) : fields_(std::move(fields)) {}
  bool ok() const { return ok_ && fields_.empty(); }  // every field known and used

  std::optional<std::string> optional_text(std::string_view name) {
    auto it = fields_.find(name);
    if (it == fields_.end()) return std::nullopt;
    std::string value = std::move(it->second);
    fields_.erase(it);
    return value;
  }
  std::string text(std::string_view name) {
    auto value = optional_text(name);
    if (!value) ok_ = false;
    return value.value_or("");
  }
  long long number(std::string_view name, long long low, long long high) {
    auto value = parse_number(text(name));
    if (!value || *value < low || *value > high) {
      ok_ = false;
      return low;
    }
    return *value;
  }

 private:
  Fields fields_;
  bool ok_ = true;
};

bool is_known_method(std::string_view method) { return method == "GET" || method == "POST" || method == "PATCH" || method == "DELETE"; }

constexpr long long max_milliseconds = 24LL * 60 * 60 * 1000;
constexpr long long max_body = 1LL << 30;

}  // namespace

std::string encode_request(const RawRequest& request, const Settings& settings) {
  FieldWriter out;
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
  auto fields = read_fields(bytes);
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
  FieldWriter out;
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
  auto fields = read_fields(bytes);
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
