#include "store/keyring_wire.hpp"

#include <array>

#include "util/wire_fields.hpp"

namespace tdb::keyring {

namespace {

constexpr std::string_view request_line = "triplydb-profile-keyring 1 request\n";
constexpr std::string_view response_line = "triplydb-profile-keyring 1 response\n";
constexpr std::array<std::string_view, 3> operation_names{"get", "store", "delete"};
constexpr std::size_t max_text = 64 * 1024;

}  // namespace

std::string encode_request(const Request& request) {
  wire::FieldWriter out(request_line);
  out.text("operation", operation_names[static_cast<std::size_t>(request.operation)]);
  out.text("service", request.service);
  out.text("account", request.account);
  out.text("label", request.label);
  if (request.operation == Operation::store) out.text("secret", request.secret);
  out.number("may-prompt", request.may_prompt ? 1 : 0);
  return out.take();
}

std::optional<Request> decode_request(std::string_view bytes) {
  auto fields = wire::read_fields(bytes, request_line);
  if (!fields) return std::nullopt;
  wire::FieldReader in(std::move(*fields));
  Request request;
  const std::string operation = in.text("operation");
  std::size_t index = 0;
  while (index < operation_names.size() && operation_names[index] != operation) ++index;
  if (index == operation_names.size()) return std::nullopt;
  request.operation = static_cast<Operation>(index);
  request.service = in.text("service");
  request.account = in.text("account");
  request.label = in.text("label");
  if (request.operation == Operation::store) request.secret = in.text("secret");
  request.may_prompt = in.number("may-prompt", 0, 1) == 1;
  if (!in.ok() || request.service.size() > max_text || request.account.size() > max_text) return std::nullopt;
  return request;
}

std::string encode_response(const Response& response) {
  wire::FieldWriter out(response_line);
  out.number("outcome", static_cast<long long>(response.outcome));
  if (!response.secret.empty()) out.text("secret", response.secret);
  if (!response.detail.empty()) out.text("detail", response.detail);
  return out.take();
}

std::optional<Response> decode_response(std::string_view bytes) {
  auto fields = wire::read_fields(bytes, response_line);
  if (!fields) return std::nullopt;
  wire::FieldReader in(std::move(*fields));
  Response response;
  response.outcome = static_cast<Outcome>(in.number("outcome", 0, static_cast<long long>(Outcome::failed)));
  response.secret = in.optional_text("secret").value_or("");
  response.detail = in.optional_text("detail").value_or("");
  if (!in.ok()) return std::nullopt;
  return response;
}

}  // namespace tdb::keyring
