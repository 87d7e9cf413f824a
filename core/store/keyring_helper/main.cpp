// triplydb-profile-keyring: the keyring helper. Reads one request (keyring/keyring_wire.hpp) on
// standard input, asks the Secret Service through libsecret (secret_backend.c) and writes the
// response on standard output. triplydb-profile starts it only for keyring profiles.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "store/keyring_helper/secret_backend.h"
#include "store/keyring_wire.hpp"
#include "util/not_dumpable.hpp"

namespace {

constexpr std::size_t max_request_bytes = 256 * 1024;

std::optional<std::string> read_request() {
  std::string bytes;
  char buffer[8192];
  for (;;) {
    ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(n));
    explicit_bzero(buffer, sizeof buffer);
    if (bytes.size() > max_request_bytes) return std::nullopt;
  }
}

bool write_all(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

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
  tdb::make_not_dumpable();  // requests and responses carry tokens
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("triplydb-profile-keyring %s (libsecret)\n", TRIPLYDB_VERSION);
    return 0;
  }
  if (argc != 1) {
    std::fprintf(stderr, "triplydb-profile-keyring: takes no arguments; triplydb-profile runs it with a request on standard input\n");
    return 2;
  }
  auto bytes = read_request();
  auto request = bytes ? tdb::keyring::decode_request(*bytes) : std::nullopt;
  if (bytes) explicit_bzero(bytes->data(), bytes->size());
  if (!request) {
    std::fprintf(stderr, "triplydb-profile-keyring: the request is not one this version reads; reinstall triplydb-profile\n");
    return 2;
  }
  tdb::keyring::Response response = perform(*request);
  explicit_bzero(request->secret.data(), request->secret.size());
  std::string answer = tdb::keyring::encode_response(response);
  explicit_bzero(response.secret.data(), response.secret.size());
  const bool written = write_all(answer);
  explicit_bzero(answer.data(), answer.size());
  return written ? 0 : 1;
}
