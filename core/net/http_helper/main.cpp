// triplydb-profile-http: the network helper. Reads one request (net/http_wire.hpp) on standard
// input, makes it with libcurl and writes the response on standard output. triplydb-profile
// starts it for add, whoami and doctor --online; it is not meant to be run by hand.
#include <cstring>
#include <new>
#include <optional>
#include <string>

#include "curl_request.h"
#include "net/http_wire.hpp"
#include "util/helper_main.hpp"

namespace {

constexpr std::size_t max_request_bytes = 1024 * 1024;

tdb::http::RawResponse perform(const tdb::http::HelperRequest& wire) {
  const auto& settings = wire.settings;
  const std::string ca_file = settings.ca_file ? settings.ca_file->string() : std::string();
  const tdb_http_request request{wire.request.method.c_str(),
                                 wire.request.url.c_str(),
                                 wire.request.bearer_token ? wire.request.bearer_token->c_str() : nullptr,
                                 wire.request.body ? wire.request.body->data() : nullptr,
                                 wire.request.body ? wire.request.body->size() : 0,
                                 settings.ca_file ? ca_file.c_str() : nullptr,
                                 "triplydb-profile",
                                 static_cast<long>(settings.connect_timeout.count()),
                                 static_cast<long>(settings.total_timeout.count()),
                                 settings.max_body_bytes};
  tdb_http_response raw{};
  if (tdb_http_perform(&request, &raw) != 0) throw std::bad_alloc();
  tdb::http::RawResponse response;
  response.status = raw.status;
  if (raw.body) response.body.assign(raw.body, raw.body_size);
  if (raw.location) response.location = raw.location;
  if (raw.triply_api) response.triply_api = raw.triply_api;
  if (raw.content_type) response.content_type = raw.content_type;
  response.failure = static_cast<tdb::http::TransportFailure>(raw.failure);
  if (raw.error) response.error = raw.error;
  tdb_http_free_response(&raw);
  return response;
}

}  // namespace

int main(int argc, char** argv) {
  const tdb::HelperProgram program{
      .name = "triplydb-profile-http",
      .version_line = std::string("triplydb-profile-http ") + TRIPLYDB_VERSION + " (" + tdb_http_backend_version() + ")",
      .max_request_bytes = max_request_bytes,
      .answer = [](const std::string& bytes) -> std::optional<std::string> {
        auto request = tdb::http::decode_request(bytes);
        if (!request) return std::nullopt;
        const tdb::http::RawResponse response = perform(*request);
        if (request->request.bearer_token) explicit_bzero(request->request.bearer_token->data(), request->request.bearer_token->size());
        return tdb::http::encode_response(response);
      }};
  return tdb::run_helper(argc, argv, program);
}
