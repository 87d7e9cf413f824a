// triplydb-profile-http: the network helper. Reads one request (net/http_wire.hpp) on standard
// input, makes it with libcurl and writes the response on standard output. triplydb-profile
// starts it for add, whoami and doctor --online; it is not meant to be run by hand.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>

#include "curl_request.h"
#include "net/http_wire.hpp"
#include "util/io.hpp"
#include "util/not_dumpable.hpp"

namespace {

constexpr std::size_t max_request_bytes = 1024 * 1024;

std::optional<std::string> read_request() {
  tdb::ReadResult read = tdb::read_all(STDIN_FILENO, max_request_bytes);
  if (read.problem) return std::nullopt;
  return std::move(read.bytes);
}

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
  tdb::make_not_dumpable();  // the request on standard input carries the token
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("triplydb-profile-http %s (%s)\n", TRIPLYDB_VERSION, tdb_http_backend_version());
    return 0;
  }
  if (argc != 1) {
    std::fprintf(stderr, "triplydb-profile-http: takes no arguments; triplydb-profile runs it with a request on standard input\n");
    return 2;
  }
  auto bytes = read_request();
  auto request = bytes ? tdb::http::decode_request(*bytes) : std::nullopt;
  if (bytes) explicit_bzero(bytes->data(), bytes->size());  // the token is in there
  if (!request) {
    std::fprintf(stderr, "triplydb-profile-http: the request is not one this version reads; reinstall triplydb-profile\n");
    return 2;
  }
  try {
    const tdb::http::RawResponse response = perform(*request);
    if (request->request.bearer_token) explicit_bzero(request->request.bearer_token->data(), request->request.bearer_token->size());
    return tdb::write_all(STDOUT_FILENO, tdb::http::encode_response(response)) ? 0 : 1;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "triplydb-profile-http: out of memory\n");
    return 1;
  }
}
