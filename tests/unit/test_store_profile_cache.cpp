#include <catch2/catch.hpp>

#include "store/profile_cache.hpp"
#include "store/profile_reader.hpp"
#include "test_support.hpp"

using namespace tdb;

namespace {

Profile keyring_profile() {
  Profile vault{"vault", "https://api.triplydb.com", "", std::nullopt, std::nullopt};
  vault.keyring = KeyringItem{"triplydb-profile", "vault"};
  return vault;
}

const FileIdentity identity{1, 2, 300, 1700000000, 5, 1700000001, 6};

ProfileSet sample() {
  ProfileSet set;
  set.default_name = "read";
  set.profiles.push_back(
      {"prod", "https://api.triplydb.com", test::mint_token(R"({"uid":"a"})"), std::string("it's\n\"acme\""), std::nullopt});
  set.profiles.push_back({"read", "https://api.acme.example", test::mint_token(R"({"uid":"d"})"), std::nullopt, std::string("\t\n\t")});
  set.profiles.back().access = "write";
  set.profiles.push_back(
      {"pass", "https://api.triplydb.com", "", std::nullopt, std::nullopt, std::vector<std::string>{"pass", "show", ""}});
  return set;
}

void check_same(const ProfileSet& a, const ProfileSet& b) {
  CHECK(a.default_name == b.default_name);
  REQUIRE(a.profiles.size() == b.profiles.size());
  for (std::size_t i = 0; i < a.profiles.size(); ++i) {
    const Profile& p = a.profiles[i];
    const Profile& q = b.profiles[i];
    CHECK(p.name == q.name);
    CHECK(p.instance == q.instance);
    CHECK(p.token == q.token);
    CHECK(p.account == q.account);
    CHECK(p.description == q.description);
    CHECK(p.token_command == q.token_command);
    CHECK(p.keyring == q.keyring);
    CHECK(p.access == q.access);
  }
}

// Decodes everything a reader can ask for; nothing when any of it is refused.
std::optional<ProfileSet> decode_lazily(std::string_view bytes) {
  auto view = SnapshotView::open(bytes, identity);
  if (!view) return std::nullopt;
  ProfileSet set;
  if (auto name = view->default_name()) set.default_name = std::string(*name);
  for (const auto& name : view->names()) {
    auto index = view->index_of(name);
    if (!index) return std::nullopt;
    auto profile = view->profile(*index);
    if (!profile) return std::nullopt;
    set.profiles.push_back(std::move(*profile));
  }
  return set;
}

}  // namespace

TEST_CASE("a snapshot gives back the profiles it was taken of") {
  auto set = decode_snapshot(encode_snapshot(identity, sample()), identity);
  REQUIRE(set);
  check_same(*set, sample());
  CHECK(set->profiles[0].account == "it's\n\"acme\"");
  CHECK(set->profiles[1].description == std::string("\t\n\t"));
  CHECK(set->profiles[2].token_command == std::vector<std::string>{"pass", "show", ""});

  ProfileSet empty;
  auto none = decode_snapshot(encode_snapshot(identity, empty), identity);
  REQUIRE(none);
  CHECK(none->profiles.empty());
  CHECK_FALSE(none->default_name);
}

TEST_CASE("a snapshot answers one question without decoding the rest") {
  std::string bytes = encode_snapshot(identity, sample());
  auto view = SnapshotView::open(bytes, identity);
  REQUIRE(view);
  CHECK(view->names() == std::vector<std::string>{"prod", "read", "pass"});
  CHECK(view->default_name() == "read");
  CHECK(view->index_of("pass") == 2u);
  CHECK_FALSE(view->index_of("pas"));
  CHECK_FALSE(view->index_of(""));
  auto pass = view->profile(2);
  REQUIRE(pass);
  CHECK(pass->name == "pass");
  CHECK(pass->token_command == std::vector<std::string>{"pass", "show", ""});

  // A damaged record is noticed when it is read, and only then.
  std::string damaged = bytes;
  damaged[damaged.size() - 3] ^= 0x20;  // inside the last record
  auto damaged_view = SnapshotView::open(damaged, identity);
  REQUIRE(damaged_view);
  CHECK(damaged_view->profile(0));
  CHECK_FALSE(damaged_view->profile(2));
  CHECK_FALSE(damaged_view->all());
}

TEST_CASE("lazy look-ups agree with the whole set, in file order") {
  ProfileSet set;
  set.default_name = "p7";
  for (int i = 1; i <= 40; ++i)
    set.profiles.push_back({"p" + std::to_string(i), "https://api.triplydb.com", "t." + std::to_string(i) + ".s",
                            i % 3 ? std::optional<std::string>("acct" + std::to_string(i)) : std::nullopt, std::nullopt});
  std::string bytes = encode_snapshot(identity, set);
  auto view = SnapshotView::open(bytes, identity);
  REQUIRE(view);
  CHECK(view->names() == set.names());
  for (const auto& p : set.profiles) {
    auto index = view->index_of(p.name);
    REQUIRE(index);
    auto decoded = view->profile(*index);
    REQUIRE(decoded);
    CHECK(decoded->token == p.token);
    CHECK(decoded->account == p.account);
  }
  auto lazily = decode_lazily(bytes);
  REQUIRE(lazily);
  check_same(*lazily, set);
}

TEST_CASE("a snapshot carries the expiry of each stored token, so that list decodes none") {
  ProfileSet set = sample();
  set.profiles[0].token = test::mint_token(R"({"uid":"u1","iss":"https://api.triplydb.com","exp":4102444800})");
  set.profiles[1].token = test::mint_token(R"({"uid":"u2","iss":"https://api.acme.example"})");
  std::string bytes = encode_snapshot(identity, set);
  auto view = SnapshotView::open(bytes, identity);
  REQUIRE(view);
  CHECK(view->token_expiry(0) == 4102444800);
  CHECK_FALSE(view->token_expiry(1));  // a token without exp
  CHECK_FALSE(view->token_expiry(2));  // token_command: nothing stored

  ProfileReader from_snapshot(nullptr, *view, [] { return ProfileSet(); });
  ProfileReader from_file(set);
  CHECK(from_snapshot.token_expiries() == std::vector<std::optional<std::int64_t>>{4102444800, std::nullopt, std::nullopt});
  CHECK(from_file.token_expiries() == from_snapshot.token_expiries());

  // The marker is 0 or 1; anything else is a snapshot that open() refuses, checksums and all.
  std::string odd = encode_snapshot(identity, set);
  const std::size_t header = std::string_view("triplydb-profiles-snapshot 5\n").size() + 14 * 8;
  const std::size_t has_expiry_of_first = header + 5 * 8;
  REQUIRE(odd[has_expiry_of_first] == 1);
  odd[has_expiry_of_first] = 2;
  seal_snapshot(odd, identity);
  CHECK_FALSE(SnapshotView::open(odd, identity));
}

TEST_CASE("a snapshot of another version of the file is never used") {
  std::string bytes = encode_snapshot(identity, sample());
  for (auto change : {&FileIdentity::modified_nanoseconds, &FileIdentity::changed_nanoseconds, &FileIdentity::modified_seconds,
                      &FileIdentity::changed_seconds}) {
    FileIdentity other = identity;
    other.*change += 1;
    CHECK_FALSE(decode_snapshot(bytes, other));
    CHECK_FALSE(SnapshotView::open(bytes, other));
  }
  for (auto change : {&FileIdentity::device, &FileIdentity::inode, &FileIdentity::size}) {
    FileIdentity other = identity;
    other.*change += 1;
    CHECK_FALSE(SnapshotView::open(bytes, other));
  }
}

TEST_CASE("a cut-short, lengthened or other-version snapshot is ignored") {
  std::string bytes = encode_snapshot(identity, sample());
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    CHECK_FALSE(SnapshotView::open(std::string_view(bytes).substr(0, length), identity));
    std::string cut = bytes.substr(0, length);
    seal_snapshot(cut, identity);  // the checksums of what is left: only the bounds can refuse it
    CHECK_FALSE(SnapshotView::open(cut, identity));
  }
  CHECK_FALSE(decode_snapshot(bytes + "x", identity));
  std::string format_2 = bytes;
  format_2[27] = '2';  // "triplydb-profiles-snapshot 2\n"
  CHECK_FALSE(decode_snapshot(format_2, identity));
}

TEST_CASE("any single damaged byte is refused") {
  const std::string bytes = encode_snapshot(identity, sample());
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    for (int flip : {0x01, 0x80, 0xff}) {
      std::string damaged = bytes;
      damaged[at] = static_cast<char>(damaged[at] ^ flip);
      CHECK_FALSE(decode_snapshot(damaged, identity));
      CHECK_FALSE(decode_lazily(damaged));
      // Sealed again, the damage passes the checksums: the bounds checks alone must keep every
      // read inside the bytes.
      seal_snapshot(damaged, identity);
      if (auto view = SnapshotView::open(damaged, identity)) {
        (void)view->all();
        for (std::size_t i = 0; i < view->size(); ++i) (void)view->profile(i);
      }
    }
  }
}

TEST_CASE("a snapshot never yields what the YAML loader would refuse") {
  ProfileSet forged = sample();
  SECTION("a name that is not a profile name") {
    forged.profiles[1].name = "$(touch /tmp/owned)";
    CHECK_FALSE(SnapshotView::open(encode_snapshot(identity, forged), identity));
    forged.profiles[1].name = "-starts-with-a-dash";
    CHECK_FALSE(SnapshotView::open(encode_snapshot(identity, forged), identity));
    forged.profiles[1].name = "";
    CHECK_FALSE(SnapshotView::open(encode_snapshot(identity, forged), identity));
    forged.profiles[1].name = std::string(65, 'a');
    CHECK_FALSE(SnapshotView::open(encode_snapshot(identity, forged), identity));
  }
  SECTION("a default that is not a profile name") {
    forged.default_name = "`id`";
    CHECK_FALSE(SnapshotView::open(encode_snapshot(identity, forged), identity));
  }
  auto refused_record = [&](std::size_t index) {
    const std::string bytes = encode_snapshot(identity, forged);
    auto view = SnapshotView::open(bytes, identity);
    REQUIRE(view);
    CHECK_FALSE(view->profile(index));
    CHECK(view->profile(index == 0 ? 1 : 0));  // the others are still served
    CHECK_FALSE(view->all());
  };
  SECTION("an instance the loader would refuse or write otherwise") {
    forged.profiles[0].instance = "http://api.attacker.example";
    refused_record(0);
    forged.profiles[0].instance = "https://api.triplydb.com/";
    refused_record(0);
  }
  SECTION("a token with a quote in it") {
    forged.profiles[1].token = "a'$(id)'.b.c";
    refused_record(1);
  }
  SECTION("an account with an escape sequence") {
    forged.profiles[0].account = "acme\x1b]52;c;aGk=\x07";
    refused_record(0);
  }
  SECTION("a keyring item beside a token_command, or with a control character") {
    forged.profiles.push_back(keyring_profile());
    forged.profiles[3].token_command = std::vector<std::string>{"pass"};
    refused_record(3);
    forged.profiles[3].token_command.reset();
    forged.profiles[3].keyring->account = "vault\x1b[2J";
    refused_record(3);
    forged.profiles[3].keyring->account = "";
    refused_record(3);
  }
  SECTION("a token_command without a program, or beside a token") {
    forged.profiles[2].token_command = std::vector<std::string>{""};
    refused_record(2);
    forged.profiles[2].token_command = std::vector<std::string>{"pass"};
    forged.profiles[2].token = forged.profiles[0].token;
    refused_record(2);
  }
}

TEST_CASE("a keyring profile's snapshot says where its token is, never the token") {
  ProfileSet set = sample();
  set.profiles.push_back(keyring_profile());
  const std::string token = test::mint_token(R"({"uid":"in-the-keyring"})");
  set.profiles[3].token = token;  // as with_token leaves it, should one ever be written
  const std::string bytes = encode_snapshot(identity, set);
  const std::string payload = token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1);  // its own part
  CHECK(bytes.find(payload) == std::string::npos);
  auto view = SnapshotView::open(bytes, identity);
  REQUIRE(view);
  auto profile = view->profile(3);
  REQUIRE(profile);
  CHECK(profile->token.empty());
  CHECK(profile->keyring == KeyringItem{"triplydb-profile", "vault"});
}
