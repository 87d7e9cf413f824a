#include <catch2/catch.hpp>

#include "model/overrides.hpp"
#include "test_support.hpp"

using namespace tdb;

TEST_CASE("lines that set TRIPLYDB_TOKEN or TRIPLYDB_API, as dotenv, direnv and RATT files write them") {
  const std::string text =
      "# TRIPLYDB_TOKEN=commented\nTRIPLYDB_TOKEN=abc\n  export TRIPLYDB_API = https://x\nTRIPLYDB_TOKENS=no\nTRIPLYDB_API: y\n"
      "OTHER=TRIPLYDB_TOKEN=z";
  CHECK(token_assignments(text) ==
        std::vector<std::pair<int, std::string>>{{2, "TRIPLYDB_TOKEN"}, {3, "TRIPLYDB_API"}, {5, "TRIPLYDB_API"}});
  CHECK(token_assignments("").empty());
  auto found = file_overrides(override_files()[3], "../.ratt", "TRIPLYDB_TOKEN=x\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].where() == "../.ratt:1");
  CHECK(found[0].problem == "sets TRIPLYDB_TOKEN: RATT copies it over the shell's own");
}

TEST_CASE("the environment against itself and against the active profile") {
  const std::string token = test::mint_token(R"({"uid":"u1","iss":"https://api.triplydb.com"})");
  CHECK(environment_overrides(token, std::string("https://api.triplydb.com/"), std::nullopt).empty());
  auto disagree = environment_overrides(token, std::string("https://api.acme.example"), std::nullopt);
  REQUIRE(disagree.size() == 1);
  CHECK(disagree[0].where() == "TRIPLYDB_API");

  Profile prod;
  prod.name = "prod";
  prod.instance = "https://api.triplydb.com";
  prod.token = token;
  CHECK(environment_overrides(token, prod.instance, prod).empty());
  auto unset = environment_overrides(std::nullopt, prod.instance, prod);
  REQUIRE(unset.size() == 1);
  CHECK(unset[0].problem == "was unset after profile 'prod' was activated");
  CHECK(environment_overrides(token, std::nullopt, prod).at(0).variable == "TRIPLYDB_API");
}
