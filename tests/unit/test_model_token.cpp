#include <catch2/catch.hpp>

#include "model/token.hpp"
#include "test_support.hpp"

using namespace tdb;
using tdb::test::mint_token;

TEST_CASE("claims are read from the payload") {
  auto claims = read_token(mint_token(R"({"uid":"u1","iss":"https://api.acme.example","jti":"t-9","iat":1700000000,"exp":1800000000.5})"));
  REQUIRE(claims);
  CHECK(claims->uid == "u1");
  CHECK(claims->issuer == "https://api.acme.example");
  CHECK(claims->token_id == "t-9");
  CHECK(claims->issued_at == 1700000000);
  CHECK(claims->expires_at == 1800000000);
  CHECK(is_expired(*claims, 1800000000));
  CHECK_FALSE(is_expired(*claims, 1799999999));
}

TEST_CASE("the instance comes from iss the way TriplyDB.js derives it") {
  auto instance = [](const char* payload) { return instance_from_claims(*read_token(mint_token(payload))); };
  CHECK(instance(R"({"uid":"u","iss":"https://api.acme.example"})") == "https://api.acme.example");
  CHECK(instance(R"({"uid":"u","iss":"https://api.acme.example///"})") == "https://api.acme.example");
  CHECK(instance(R"({"uid":"u","iss":"triply.cc"})") == "https://api.triplydb.com");
  CHECK(instance(R"({"uid":"u"})") == "https://api.triplydb.com");
  CHECK(instance(R"({"uid":"u","iss":""})") == "https://api.triplydb.com");
  CHECK(instance(R"({"uid":"u","iss":42})") == "https://api.triplydb.com");
}

TEST_CASE("malformed tokens are refused without repeating them") {
  auto message = [](const std::string& token) { return read_token(token).error().message; };
  CHECK(message("") == "the token is not a TriplyDB API token: it is empty");
  CHECK(message("abc.def") == "the token is not a TriplyDB API token: a JWT has three parts separated by '.'");
  CHECK(message("a.b.c.d") == "the token is not a TriplyDB API token: a JWT has three parts separated by '.'");
  CHECK(message("." + test::base64url(R"({"uid":"u"})") + ".sig") ==
        "the token is not a TriplyDB API token: its header or payload part is empty");
  CHECK(message(test::base64url("{}") + "..sig") == "the token is not a TriplyDB API token: its header or payload part is empty");
  CHECK(message("ab!.cd.ef") == "the token is not a TriplyDB API token: its parts are not base64url");
  CHECK(message(test::base64url("{}") + "." + test::base64url("[1,2]") + ".sig") ==
        "the token is not a TriplyDB API token: its payload is not a JSON object");
  CHECK(message(test::base64url("{}") + "." + test::base64url("not json") + ".sig") ==
        "the token is not a TriplyDB API token: its payload is not a JSON object");
  std::string good = mint_token(R"({"uid":"u"})");
  CHECK(message(good + "\n") ==
        "the token is not a TriplyDB API token: it contains a newline at character " + std::to_string(good.size() + 1));
  CHECK(message("ab\x01"
                "c") == "the token is not a TriplyDB API token: it contains a control character (0x01) at character 3");
  CHECK(message("ab'c") == "the token is not a TriplyDB API token: it contains a quote (') at character 3");
  CHECK(message("ab\"c") == "the token is not a TriplyDB API token: it contains a quote (\") at character 3");
  CHECK(message("ab c") == "the token is not a TriplyDB API token: it contains a space at character 3");
  CHECK(message("ab\xC3\xA9") == "the token is not a TriplyDB API token: it contains a non-ASCII byte (0xC3) at character 3");
}

TEST_CASE("base64url decoding") {
  CHECK(decode_base64url("aGVsbG8") == "hello");
  CHECK(decode_base64url("aGVsbG8=") == "hello");
  CHECK(decode_base64url("_-8") == std::string("\xFF\xEF", 2));
  CHECK_FALSE(decode_base64url("a"));
  CHECK_FALSE(decode_base64url("a+b/"));
}

TEST_CASE("masked tokens show at most the last 4 characters") {
  CHECK(mask_token("eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ1In0.abcdWXYZ") == "****WXYZ");
  CHECK(mask_token("short") == "****");
  CHECK(mask_token("") == "****");
}
