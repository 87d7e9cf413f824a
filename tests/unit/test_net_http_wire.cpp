#include <catch2/catch.hpp>

#include <string>

#include "net/http_wire.hpp"

using namespace tdb::http;
using namespace std::chrono_literals;

TEST_CASE("a request survives the trip to the network helper") {
  Settings settings;
  settings.ca_file = "/etc/ssl/my ca.pem";
  settings.connect_timeout = 1500ms;
  settings.total_timeout = 7000ms;
  settings.max_body_bytes = 1234;
  const std::string token = "eyJh.eyJ1.sig\n with odd bytes \0 inside";
  const std::string bytes = encode_request({"https://api.example.org/me", token}, settings);
  CHECK(bytes.rfind("triplydb-profile-http 1\nurl 26\nhttps://api.example.org/me\n", 0) == 0);

  auto decoded = decode_request(bytes);
  REQUIRE(decoded);
  CHECK(decoded->request.url == "https://api.example.org/me");
  CHECK(decoded->request.bearer_token == token);
  CHECK(decoded->settings.ca_file == settings.ca_file);
  CHECK(decoded->settings.connect_timeout == 1500ms);
  CHECK(decoded->settings.total_timeout == 7000ms);
  CHECK(decoded->settings.max_body_bytes == 1234);

  auto anonymous = decode_request(encode_request({"http://127.0.0.1:1/info", std::nullopt}, Settings{}));
  REQUIRE(anonymous);
  CHECK_FALSE(anonymous->request.bearer_token);
  CHECK_FALSE(anonymous->settings.ca_file);
}

TEST_CASE("a response survives the trip back, a transport failure too") {
  RawResponse response;
  response.status = 307;
  response.body = std::string("{\"a\":1}\n\0binary", 15);
  response.location = "https://elsewhere.example/me";
  response.content_type = "application/json";
  auto decoded = decode_response(encode_response(response));
  REQUIRE(decoded);
  CHECK(decoded->status == 307);
  CHECK(decoded->body == response.body);
  CHECK(decoded->location == response.location);
  CHECK_FALSE(decoded->triply_api);
  CHECK(decoded->content_type == response.content_type);
  CHECK(decoded->failure == TransportFailure::none);

  RawResponse failed;
  failed.failure = TransportFailure::certificate;
  failed.error = "SSL certificate problem: unable to get local issuer certificate";
  decoded = decode_response(encode_response(failed));
  REQUIRE(decoded);
  CHECK(decoded->failure == TransportFailure::certificate);
  CHECK(decoded->error == failed.error);
}

TEST_CASE("anything but a whole message of this version is refused") {
  RawResponse response;
  response.status = 200;
  response.body = "{}";
  const std::string good = encode_response(response);
  REQUIRE(decode_response(good));
  for (std::size_t cut = 0; cut < good.size(); ++cut) {
    INFO(cut);
    CHECK_FALSE(decode_response(good.substr(0, cut)));
  }
  CHECK_FALSE(decode_response("triplydb-profile-http 2" + good.substr(good.find('\n'))));
  CHECK_FALSE(decode_response(good + "extra 1\nx\n"));                                                // a field this version does not know
  CHECK_FALSE(decode_response(good + "body 2\n{}\n"));                                                // a field twice
  CHECK_FALSE(decode_response("triplydb-profile-http 1\nstatus 4\n1000\nfailure 1\n0\nbody 0\n\n"));  // no such status
  CHECK_FALSE(decode_response("triplydb-profile-http 1\nstatus 3\n200\nfailure 1\n7\nbody 0\n\n"));   // no such failure
  CHECK_FALSE(decode_response("triplydb-profile-http 1\nstatus 3\n200\nfailure 1\n0\nbody -1\n\n"));
  CHECK_FALSE(decode_response("triplydb-profile-http 1\nstatus 3\n200\nfailure 1\n0\nbody 99999999999999999999\n\n"));
  CHECK_FALSE(decode_request(good));  // a response is not a request
}

TEST_CASE("a POST with a JSON body survives the trip; a GET carries no method field") {
  RawRequest post{"https://api.example.org/accounts/acme/tokens", "tok"};
  post.method = "POST";
  post.body = "{\"description\":\"ci\",\"scopes\":{}}";
  const std::string bytes = encode_request(post, Settings{});
  CHECK(bytes.find("\nmethod 4\nPOST\n") != std::string::npos);
  auto decoded = decode_request(bytes);
  REQUIRE(decoded);
  CHECK(decoded->request.method == "POST");
  CHECK(decoded->request.body == post.body);

  const std::string get = encode_request({"https://api.example.org/me", "tok"}, Settings{});
  CHECK(get.find("\nmethod ") == std::string::npos);
  CHECK(get.find("\nbody ") == std::string::npos);
  decoded = decode_request(get);
  REQUIRE(decoded);
  CHECK(decoded->request.method == "GET");
  CHECK_FALSE(decoded->request.body);
}

TEST_CASE("a request with a method this version does not make is refused") {
  RawRequest request{"https://api.example.org/me", std::nullopt};
  request.method = "PUT";
  CHECK_FALSE(decode_request(encode_request(request, Settings{})));
  request.method = "get";
  CHECK_FALSE(decode_request(encode_request(request, Settings{})));
}
