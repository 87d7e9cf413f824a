#include <catch2/catch.hpp>

#include "model/profile.hpp"

using namespace tdb;

TEST_CASE("profile names follow the documented pattern") {
  for (const std::string& good : std::vector<std::string>{"prod", "a", "0", "acme-read", "team.write_2", std::string(64, 'x')}) {
    INFO(good);
    CHECK(is_valid_profile_name(good));
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "-", "-prod", ".hidden", "_x", "has space", "a/b", "naïve", "x$", std::string(65, 'x')}) {
    INFO(bad);
    CHECK_FALSE(is_valid_profile_name(bad));
  }
}

TEST_CASE("invalid names are explained") {
  CHECK(explain_invalid_name("-") == "'-' means the previous profile and cannot be a profile name");
  CHECK(explain_invalid_name("_x") == "invalid profile name '_x': it must start with a letter or digit");
  CHECK(explain_invalid_name("a b") == "invalid profile name 'a b': use only letters, digits, '.', '_' and '-'");
  CHECK(explain_invalid_name(std::string(70, 'a')) == "profile name is 70 characters long; the limit is 64");
}

TEST_CASE("a mistyped name gets a suggestion, an unrelated one does not") {
  std::vector<std::string> names{"prod", "acme-read", "staging"};
  CHECK(closest_name("prd", names) == "prod");
  CHECK(closest_name("rpod", names) == "prod");
  CHECK(closest_name("acme", names) == "acme-read");
  CHECK(closest_name("stagign", names) == "staging");
  CHECK_FALSE(closest_name("zzz", names));
  CHECK_FALSE(closest_name("x", {}));
}

TEST_CASE("unknown profile messages name the way out") {
  ProfileSet empty;
  CHECK(unknown_profile_message("prod", empty) == "unknown profile 'prod'; there are no profiles yet: run 'triplydb-profile add prod'");
  ProfileSet set;
  set.profiles.push_back({"prod", "https://api.triplydb.com", "t", {}, {}});
  CHECK(unknown_profile_message("prdo", set) == "unknown profile 'prdo'; did you mean 'prod'?");
  CHECK(unknown_profile_message("other", set) ==
        "unknown profile 'other'; 'triplydb-profile list' shows the profiles, 'triplydb-profile add other' creates it");
}
