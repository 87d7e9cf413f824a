#pragma once
// The messages between the program and its network helper, triplydb-profile-http: one request on
// the helper's standard input (the token never goes on its command line or in its environment),
// one response on its standard output. Pure: values in, bytes out, and back.
//
// A message is the line "triplydb-profile-http 1" and then fields, each "NAME LENGTH\n", LENGTH
// bytes and "\n"; optional fields are left out (a request without "method" is a GET, one
// without "body" has none). Anything else is not a message.
#include <optional>
#include <string>
#include <string_view>

#include "net/http_message.hpp"

namespace tdb::http {

struct HelperRequest {
  RawRequest request;
  Settings settings;  // all but max_redirects, which the program applies itself
};

std::string encode_request(const RawRequest& request, const Settings& settings);
std::optional<HelperRequest> decode_request(std::string_view bytes);

std::string encode_response(const RawResponse& response);
std::optional<RawResponse> decode_response(std::string_view bytes);

}  // namespace tdb::http
