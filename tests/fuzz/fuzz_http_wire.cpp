// libFuzzer target: any bytes as a message from the network helper, or to it. What decodes must
// encode back to the same value, so the program and the helper never read a message differently.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "net/http_wire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto response = tdb::http::decode_response(bytes)) {
    auto again = tdb::http::decode_response(tdb::http::encode_response(*response));
    if (!again || again->status != response->status || again->body != response->body || again->failure != response->failure ||
        again->error != response->error || again->location != response->location || again->triply_api != response->triply_api ||
        again->content_type != response->content_type)
      std::abort();
  }
  if (auto request = tdb::http::decode_request(bytes)) {
    auto again = tdb::http::decode_request(tdb::http::encode_request(request->request, request->settings));
    if (!again || again->request.url != request->request.url || again->request.bearer_token != request->request.bearer_token ||
        again->request.method != request->request.method || again->request.body != request->request.body ||
        again->settings.ca_file != request->settings.ca_file || again->settings.total_timeout != request->settings.total_timeout ||
        again->settings.connect_timeout != request->settings.connect_timeout ||
        again->settings.max_body_bytes != request->settings.max_body_bytes)
      std::abort();
  }
  return 0;
}
