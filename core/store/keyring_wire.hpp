#pragma once
// The messages between the program and its keyring helper, triplydb-profile-keyring: one request
// on the helper's standard input (a secret to store travels only there, never in argv or the
// environment), one response on its standard output. Pure: values in, bytes out, and back.
#include <optional>
#include <string>
#include <string_view>

namespace tdb::keyring {

enum class Operation { get, store, remove };

struct Request {
  Operation operation = Operation::get;
  std::string service;
  std::string account;
  std::string label;        // for store: what keyring managers show
  std::string secret;       // for store
  bool may_prompt = false;  // a locked keyring may be unlocked with the service's prompt
};

// The order of the TDB_KEYRING_ constants in keyring_helper/secret_backend.h.
enum class Outcome { ok, not_found, no_bus, no_service, no_collection, locked, dismissed, failed };

struct Response {
  Outcome outcome = Outcome::failed;
  std::string secret;  // for get
  std::string detail;  // the bus's or service's own words, when it gave any
};

std::string encode_request(const Request& request);
std::optional<Request> decode_request(std::string_view bytes);

std::string encode_response(const Response& response);
std::optional<Response> decode_response(std::string_view bytes);

}  // namespace tdb::keyring
