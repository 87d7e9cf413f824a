// triplydb-profile-keyring: the keyring helper. Reads one request (keyring/keyring_wire.hpp) on
// standard input, asks the Secret Service through libsecret (secret_backend.c) and writes the
// response on standard output. triplydb-profile starts it only for keyring profiles.
#include <cstring>
#include <optional>
#include <string>

#include "store/keyring_helper/secret_backend.h"
#include "store/keyring_wire.hpp"
#include "util/helper_main.hpp"

namespace {

constexpr std::size_t max_request_bytes = 256 * 1024;

const char* operation_name(tdb::keyring::Operation operation) {
  switch (operation) {
    case tdb::keyring::Operation::get:
      return "get";
    case tdb::keyring::Operation::store:
      return "store";
    case tdb::keyring::Operation::remove:
      break;
  }
  return "delete";
}

tdb::keyring::Response perform(const tdb::keyring::Request& request) {
  const tdb_keyring_request raw{operation_name(request.operation),
                                request.service.c_str(),
                                request.account.c_str(),
                                request.label.c_str(),
                                request.secret.data(),
                                request.secret.size(),
                                request.may_prompt ? 1 : 0};
  tdb_keyring_result result{};
  tdb_keyring_perform(&raw, &result);
  tdb::keyring::Response response;
  response.outcome = static_cast<tdb::keyring::Outcome>(result.outcome);
  if (result.secret) response.secret.assign(result.secret, result.secret_size);
  if (result.detail) response.detail = result.detail;
  tdb_keyring_free_result(&result);
  return response;
}

}  // namespace

int main(int argc, char** argv) {
  const tdb::HelperProgram program{.name = "triplydb-profile-keyring",
                                   .version_line = std::string("triplydb-profile-keyring ") + TRIPLYDB_VERSION + " (libsecret)",
                                   .max_request_bytes = max_request_bytes,
                                   .answer = [](const std::string& bytes) -> std::optional<std::string> {
                                     auto request = tdb::keyring::decode_request(bytes);
                                     if (!request) return std::nullopt;
                                     tdb::keyring::Response response = perform(*request);
                                     explicit_bzero(request->secret.data(), request->secret.size());
                                     std::string answer = tdb::keyring::encode_response(response);
                                     explicit_bzero(response.secret.data(), response.secret.size());
                                     return answer;
                                   }};
  return tdb::run_helper(argc, argv, program);
}
