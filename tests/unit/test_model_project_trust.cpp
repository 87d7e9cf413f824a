#include <catch2/catch.hpp>

#include "model/project_trust.hpp"

using namespace tdb;

TEST_CASE("a project file is allowed only with the content that was allowed; denied whatever it holds") {
  ProjectTrust trust;
  CHECK(trust.verdict("/p/.triplydb.yaml", "aa") == TrustVerdict::unknown);
  trust.allow("/p/.triplydb.yaml", "aa");
  CHECK(trust.verdict("/p/.triplydb.yaml", "aa") == TrustVerdict::allowed);
  CHECK(trust.verdict("/p/.triplydb.yaml", "bb") == TrustVerdict::changed);
  CHECK(trust.verdict("/q/.triplydb.yaml", "aa") == TrustVerdict::unknown);
  trust.deny("/p/.triplydb.yaml", "bb");
  CHECK(trust.verdict("/p/.triplydb.yaml", "aa") == TrustVerdict::denied);
  CHECK(trust.allowed.empty());
  trust.allow("/p/.triplydb.yaml", "cc");
  CHECK(trust.denied.empty());
  CHECK(trust.allowed == std::vector<TrustEntry>{{"/p/.triplydb.yaml", "cc"}});
}

TEST_CASE("the nearest binding at or above a folder applies") {
  ProjectTrust trust;
  trust.bind("/work/a", "outer");
  trust.bind("/work/a/b", "inner");
  trust.bind("/work/ab", "other");
  CHECK(trust.binding_for("/work/a")->profile == "outer");
  CHECK(trust.binding_for("/work/a/c/d")->profile == "outer");
  CHECK(trust.binding_for("/work/a/b/c")->profile == "inner");
  CHECK(trust.binding_for("/work/ab")->profile == "other");
  CHECK(trust.binding_for("/work") == nullptr);
  trust.bind("/work/a", "again");
  CHECK(trust.bindings.size() == 3);
  CHECK(trust.binding_for("/work/a")->profile == "again");
  CHECK(trust.unbind("/work/a/b"));
  CHECK_FALSE(trust.unbind("/work/a/b"));
  CHECK(trust.binding_for("/work/a/b")->profile == "again");
}

TEST_CASE("a renamed profile takes its bindings along, and only its own") {
  ProjectTrust trust;
  trust.bind("/work/a", "prod");
  trust.bind("/work/b", "staging");
  trust.bind("/work/c", "prod");
  CHECK(trust.folders_bound_to("prod") == std::vector<std::string>{"/work/a", "/work/c"});
  CHECK(trust.rename_profile("prod", "production") == 2);
  CHECK(trust.folders_bound_to("prod").empty());
  CHECK(trust.binding_for("/work/c/d")->profile == "production");
  CHECK(trust.binding_for("/work/b")->profile == "staging");
  CHECK(trust.rename_profile("nobody", "x") == 0);
}

TEST_CASE("is_within compares whole folder names") {
  CHECK(is_within("/a/b", "/a"));
  CHECK(is_within("/a", "/a"));
  CHECK_FALSE(is_within("/ab", "/a"));
  CHECK(is_within("/x", "/"));
}

TEST_CASE("the store's text round-trips, and damage is reported") {
  ProjectTrust trust;
  trust.allow("/p/.triplydb.yaml", "aa");
  trust.deny("/d/.triplydb.yaml", "bb");
  trust.bind("/b ' \" $x\n", "prod");
  auto back = parse_project_trust(to_text(trust));
  REQUIRE(back);
  CHECK(back->allowed == trust.allowed);
  CHECK(back->denied == trust.denied);
  CHECK(back->bindings == trust.bindings);
  CHECK(parse_project_trust("")->bindings.empty());
  CHECK(parse_project_trust("[1]").error().message == "it is not a JSON object");
  CHECK(parse_project_trust("{\"version\":2}").error().message == "it has a format version other than 1");
  CHECK(parse_project_trust("{\"version\":1,\"bindings\":[{\"folder\":1}]}").error().message ==
        "each of 'bindings' needs 'folder' and 'profile' as text");
}
