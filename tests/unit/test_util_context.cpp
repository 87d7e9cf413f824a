#include <catch2/catch.hpp>

#include "util/context.hpp"

using namespace tdb;

namespace {

// A process environment block as execve hands it over, with the oddities a parent may leave in it.
char* process_block[] = {const_cast<char*>("HOME=/home/ada"),
                         const_cast<char*>("TRIPLYDB_TOKEN=first"),
                         const_cast<char*>("NOT_AN_ASSIGNMENT"),
                         const_cast<char*>("TRIPLYDB_TOKEN=second"),
                         const_cast<char*>("EQUALS=a=b"),
                         const_cast<char*>("EMPTY="),
                         nullptr};

}  // namespace

TEST_CASE("the process environment reads as the map of its first entries, before and after it is copied") {
  Environment searched = Environment::from_process(process_block);
  Environment copied = Environment::from_process(process_block);
  const Environment::Map expected{{"HOME", "/home/ada"}, {"TRIPLYDB_TOKEN", "first"}, {"EQUALS", "a=b"}, {"EMPTY", ""}};
  CHECK(copied.all() == expected);
  for (const auto* name : {"HOME", "TRIPLYDB_TOKEN", "EQUALS", "EMPTY", "NOT_AN_ASSIGNMENT", "HOM", "HOME=", "EQUALS=a", ""}) {
    INFO(name);
    CHECK(searched.get(name) == copied.get(name));
  }
  CHECK(searched.get("EMPTY") == "");
  CHECK_FALSE(searched.has("EQUALS=a"));
}

TEST_CASE("set and unset change a process environment without touching the process") {
  Environment env = Environment::from_process(process_block);
  env.set("TRIPLYDB_PROFILE", "prod");
  env.unset("HOME");
  CHECK(env.get("TRIPLYDB_PROFILE") == "prod");
  CHECK_FALSE(env.has("HOME"));
  CHECK(env.get("TRIPLYDB_TOKEN") == "first");
  CHECK(Environment::from_process(process_block).get("HOME") == "/home/ada");
  CHECK(std::string_view(process_block[0]) == "HOME=/home/ada");
}

TEST_CASE("without_prefix leaves out exactly the variables that start with it") {
  const Environment env = Environment::from_process(process_block);
  const Environment kept = env.without_prefix("TRIPLYDB_");
  CHECK_FALSE(kept.has("TRIPLYDB_TOKEN"));
  CHECK(kept.get("HOME") == "/home/ada");
  CHECK(kept.all().size() + 1 == env.all().size());
  CHECK(env.get("TRIPLYDB_TOKEN") == "first");
}
