// The label derived from a token's scopes: what README promises, rule by rule.
#include <catch2/catch.hpp>

#include "model/token_scopes.hpp"

using tdb::access_label;

TEST_CASE("read: datasets read and account reading only") {
  CHECK(access_label(R"({"ds":["r"]})") == "read");
  CHECK(access_label(R"({"acc":["pub","priv"],"ds":["r"]})") == "read");
}

TEST_CASE("write: creating, updating or deleting datasets, nothing that manages") {
  CHECK(access_label(R"({"ds":["r","u"]})") == "write");
  CHECK(access_label(R"({"ds":["c","r","u","d"],"acc":["pub"]})") == "write");
}

TEST_CASE("management: any a, updating the user, or creating tokens") {
  CHECK(access_label(R"({"ds":["r","a"]})") == "management");
  CHECK(access_label(R"({"ds":["r"],"tok":["c"]})") == "management");
  CHECK(access_label(R"({"us":["u"]})") == "management");
  CHECK(access_label(R"({"acc":["a"]})") == "management");
}

TEST_CASE("no label for empty, custom, unknown or malformed scopes") {
  CHECK_FALSE(access_label("{}"));
  CHECK_FALSE(access_label(R"({"ds":[]})"));
  CHECK_FALSE(access_label(R"({"ds":["r"],"cust":["x"]})"));
  CHECK_FALSE(access_label(R"({"new":["r"]})"));
  CHECK_FALSE(access_label(R"({"ds":"r"})"));
  CHECK_FALSE(access_label("not json"));
}
