#include <catch2/catch.hpp>

#include "profile_cache.hpp"

using namespace tdb;

namespace {

const FileIdentity identity{1, 2, 300, 1700000000, 5, 1700000001, 6};

ProfileSet sample() {
  ProfileSet set;
  set.default_name = "prod";
  set.profiles.push_back({"prod", "https://api.triplydb.com", "a.b.c", std::string("it's\n\"acme\""), std::nullopt});
  set.profiles.push_back({"read", "https://api.acme.example", "d.e.f", std::nullopt, std::string(3, '\0')});
  return set;
}

}  // namespace

TEST_CASE("a snapshot gives back the profiles it was taken of") {
  auto set = decode_snapshot(encode_snapshot(identity, sample()), identity);
  REQUIRE(set);
  CHECK(set->default_name == "prod");
  REQUIRE(set->profiles.size() == 2);
  CHECK(set->profiles[0].account == "it's\n\"acme\"");
  CHECK_FALSE(set->profiles[0].description);
  CHECK(set->profiles[1].description == std::string(3, '\0'));
  CHECK(set->profiles[1].token == "d.e.f");
}

TEST_CASE("a snapshot of another version of the file is never used") {
  std::string bytes = encode_snapshot(identity, sample());
  for (auto change : {&FileIdentity::modified_nanoseconds, &FileIdentity::changed_nanoseconds, &FileIdentity::modified_seconds,
                      &FileIdentity::changed_seconds}) {
    FileIdentity other = identity;
    other.*change += 1;
    CHECK_FALSE(decode_snapshot(bytes, other));
  }
  FileIdentity other = identity;
  other.inode = 3;
  CHECK_FALSE(decode_snapshot(bytes, other));
  other = identity;
  other.size = 301;
  CHECK_FALSE(decode_snapshot(bytes, other));
}

TEST_CASE("a damaged snapshot is ignored, whatever the damage") {
  std::string bytes = encode_snapshot(identity, sample());
  for (std::size_t length = 0; length < bytes.size(); ++length) CHECK_FALSE(decode_snapshot(bytes.substr(0, length), identity));
  CHECK_FALSE(decode_snapshot(bytes + "x", identity));
  std::string other_magic = bytes;
  other_magic[9] = 'X';
  CHECK_FALSE(decode_snapshot(other_magic, identity));
}
