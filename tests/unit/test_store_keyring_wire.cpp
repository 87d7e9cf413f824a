#include <catch2/catch.hpp>

#include <string>

#include "store/keyring_wire.hpp"

using namespace tdb::keyring;

TEST_CASE("a keyring request survives the trip to the keyring helper, the secret only for store") {
  const std::string secret = std::string("eyJh.eyJ1.sig\n odd \0 bytes", 26);
  const Request store{Operation::store, "triplydb-profile", "prod", "TriplyDB token of profile 'prod'", secret, true};
  auto decoded = decode_request(encode_request(store));
  REQUIRE(decoded);
  CHECK(decoded->operation == Operation::store);
  CHECK(decoded->service == "triplydb-profile");
  CHECK(decoded->account == "prod");
  CHECK(decoded->label == "TriplyDB token of profile 'prod'");
  CHECK(decoded->secret == secret);
  CHECK(decoded->may_prompt);

  Request get = store;
  get.operation = Operation::get;
  const std::string bytes = encode_request(get);
  CHECK(bytes.find("eyJh") == std::string::npos);  // a secret to store is sent only with store
  auto got = decode_request(bytes);
  REQUIRE(got);
  CHECK(got->operation == Operation::get);
  CHECK(got->secret.empty());
}

TEST_CASE("a keyring response carries the outcome, the secret and the service's words") {
  const Response locked{Outcome::locked, "", "Cannot unlock"};
  auto decoded = decode_response(encode_response(locked));
  REQUIRE(decoded);
  CHECK(decoded->outcome == Outcome::locked);
  CHECK(decoded->detail == "Cannot unlock");
  auto found = decode_response(encode_response({Outcome::ok, "eyJh.eyJ1.sig", ""}));
  REQUIRE(found);
  CHECK(found->secret == "eyJh.eyJ1.sig");
}

TEST_CASE("anything but a keyring message is refused") {
  CHECK_FALSE(decode_request(""));
  CHECK_FALSE(decode_response("eyJh.eyJ1.sig\n"));  // a token alone is not an answer
  CHECK_FALSE(decode_request(encode_response({Outcome::ok, "x", ""})));
  std::string bytes = encode_request({Operation::get, "s", "a", "", "", false});
  CHECK_FALSE(decode_request(bytes.substr(0, bytes.size() - 1)));
  std::string unknown = encode_response({Outcome::ok, "", ""});
  unknown.replace(unknown.find("outcome 1\n0"), 11, "outcome 1\n9");
  CHECK_FALSE(decode_response(unknown));
}
