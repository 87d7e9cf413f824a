#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "store/profile_store.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

using namespace tdb;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

std::string read(const fs::path& path) { return test::read_file(path); }

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Writes a snapshot as the program does: mode 0600 in a 0700 folder.
void write_snapshot(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  fs::permissions(path.parent_path(), fs::perms(0700));
  write(path, bytes);
  fs::permissions(path, fs::perms(0600));
}

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

// A store whose snapshots go to a private folder beside the file.
ProfileStore store_at(
    const fs::path& file, Warn warn = [](const std::string&) {}) {
  return ProfileStore(file, file.parent_path() / "snapshots", std::move(warn));
}

const Profile prod{"prod", "https://api.triplydb.com", test::mint_token(R"({"uid":"u1"})"), std::nullopt, std::nullopt};

}  // namespace

TEST_CASE("the file is found the documented way") {
  CHECK(locate_profiles_file(Environment({{"TRIPLYDB_PROFILES", "/x/p.yaml"}, {"XDG_CONFIG_HOME", "/c"}, {"HOME", "/h"}})) == "/x/p.yaml");
  CHECK(locate_profiles_file(Environment({{"XDG_CONFIG_HOME", "/c"}, {"HOME", "/h"}})) == "/c/triplydb/profiles.yaml");
  CHECK(locate_profiles_file(Environment({{"XDG_CONFIG_HOME", "relative"}, {"HOME", "/h"}})) == "/h/.config/triplydb/profiles.yaml");
  CHECK(locate_profiles_file(Environment({{"TRIPLYDB_PROFILES", ""}, {"HOME", "/h"}})) == "/h/.config/triplydb/profiles.yaml");
  CHECK_THROWS_WITH(locate_profiles_file(Environment()), "cannot find the profiles file: set HOME, XDG_CONFIG_HOME or TRIPLYDB_PROFILES");
}

TEST_CASE("a missing file is an empty set; the first write makes a 0700 folder and a 0600 file") {
  TempDir dir;
  ProfileStore store = store_at(dir.path / "new" / "triplydb" / "profiles.yaml");
  CHECK(store.load().profiles().profiles.empty());
  CHECK_FALSE(fs::exists(store.path()));
  store.update([](ProfileDocument& doc) { doc.put(prod); });
  CHECK(mode_of(store.path()) == 0600);
  CHECK(mode_of(store.path().parent_path()) == 0700);
  CHECK(mode_of(dir.path / "new") == 0700);
  CHECK(store.load().profiles().find("prod"));
  for (const auto& entry : fs::directory_iterator(store.path().parent_path()))
    CHECK((entry.path().filename() == "profiles.yaml" || entry.path().filename() == "profiles.yaml.lock"));
}

TEST_CASE("a failed edit leaves the file byte for byte as it was") {
  TempDir dir;
  ProfileStore store = store_at(dir.path / "profiles.yaml");
  store.update([](ProfileDocument& doc) { doc.put(prod); });
  std::string before = read(store.path());
  CHECK_THROWS_WITH(store.update([](ProfileDocument& doc) {
    doc.remove("prod");
    throw Failure("changed my mind");
  }),
                    "changed my mind");
  CHECK(read(store.path()) == before);
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);  // the file and its lock
}

TEST_CASE("a broken file is reported with path:line:column and never rewritten") {
  TempDir dir;
  fs::path file = dir.path / "profiles.yaml";
  std::string broken = "version: 1\nprofiles:\n  prod: [\n";
  write(file, broken);
  ProfileStore store = store_at(file);
  CHECK_THROWS_WITH(store.load(), file.string() + ":4:1: end of sequence flow not found: a '[' without its ']'");
  CHECK_THROWS_WITH(store.update([](ProfileDocument& doc) { doc.put(prod); }),
                    file.string() + ":4:1: end of sequence flow not found: a '[' without its ']'");
  CHECK(read(file) == broken);
}

TEST_CASE("files above the size limit are refused") {
  TempDir dir;
  fs::path file = dir.path / "profiles.yaml";
  write(file, "# " + std::string(max_profiles_file_bytes, 'x') + "\n");
  CHECK_THROWS_WITH(store_at(file).load(),
                    file.string() + " is " + std::to_string(max_profiles_file_bytes + 3) + " bytes; a profiles file may be at most 4 MiB");
}

TEST_CASE("a symlinked file is read through the link and replaced at its target") {
  TempDir dir;
  fs::create_directory(dir.path / "real");
  fs::path target = dir.path / "real" / "profiles.yaml";
  fs::path link = dir.path / "link.yaml";
  store_at(target).update([](ProfileDocument& doc) { doc.put(prod); });
  fs::create_symlink("real/profiles.yaml", link);
  ProfileStore store = store_at(link);
  CHECK(store.load().profiles().find("prod"));
  store.update([](ProfileDocument& doc) { doc.set_default(std::string("prod")); });
  CHECK(fs::is_symlink(link));
  CHECK(store_at(target).load().profiles().default_name == "prod");
  CHECK(mode_of(target) == 0600);
}

namespace {

FileIdentity identity_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return tdb::identity_of(info);
}

const Profile fake{"fake", "https://api.triplydb.com", prod.token, std::nullopt, std::nullopt};

// A store whose file holds prod (the default) and whose snapshot, of exactly that file, holds
// fake: what a reader answers tells which of the two it used.
struct SnapshotFixture {
  TempDir dir;
  ProfileStore store = store_at(dir.path / "profiles.yaml");
  std::chrono::system_clock::time_point later = std::chrono::system_clock::now() + std::chrono::seconds(10);

  SnapshotFixture() {
    store.update([](ProfileDocument& doc) {
      doc.put(prod);
      doc.set_default(std::string("prod"));
    });
    ProfileSet lie;
    lie.profiles.push_back(fake);
    lie.default_name = "fake";
    write_snapshot(store.snapshot_path(), encode_snapshot(identity_of(store.path()), lie));
  }
};

}  // namespace

TEST_CASE("readers use a snapshot only of the version of the file they see") {
  TempDir dir;
  ProfileStore store = store_at(dir.path / "profiles.yaml");
  store.update([](ProfileDocument& doc) { doc.put(prod); });
  auto later = std::chrono::system_clock::now() + std::chrono::seconds(10);

  CHECK_FALSE(fs::exists(store.snapshot_path()));
  store.read(std::chrono::system_clock::now());
  CHECK_FALSE(fs::exists(store.snapshot_path()));  // a file changed just now may change again unnoticed
  CHECK(store.read(later).find("prod"));
  REQUIRE(fs::exists(store.snapshot_path()));
  CHECK(mode_of(store.snapshot_path()) == 0600);
  auto from_snapshot = store.read(later).find("prod");
  REQUIRE(from_snapshot);
  CHECK(from_snapshot->token == prod.token);

  // A snapshot that lies about the profiles is served only while the file is unchanged...
  ProfileSet lie;
  lie.profiles.push_back(fake);
  write_snapshot(store.snapshot_path(), encode_snapshot(identity_of(store.path()), lie));
  CHECK(store.read(later).find("fake"));

  // ...and never once the file changes, even in place and to the same size.
  std::string text = read(store.path());
  text.replace(text.find("prod"), 4, "dorp");
  { std::ofstream(store.path(), std::ios::binary | std::ios::in | std::ios::out) << text; }
  ProfileReader now_read = store.read(later);
  CHECK(now_read.find("dorp"));
  CHECK_FALSE(now_read.find("fake"));
  CHECK(now_read.names() == std::vector<std::string>{"dorp"});
}

TEST_CASE("a reader answers the same from the snapshot as from the file") {
  TempDir dir;
  ProfileStore store = store_at(dir.path / "profiles.yaml");
  Profile second = prod;
  second.name = "second";
  second.account = "acme";
  store.update([&](ProfileDocument& doc) {
    doc.put(second);
    doc.put(prod);
    doc.set_default(std::string("prod"));
  });
  auto later = std::chrono::system_clock::now() + std::chrono::seconds(10);
  ProfileReader parsed = store.read(later);  // parses and leaves a snapshot
  REQUIRE(fs::exists(store.snapshot_path()));
  ProfileReader mapped = store.read(later);
  for (const ProfileReader* reader : {&parsed, &mapped}) {
    CHECK(reader->names() == std::vector<std::string>{"second", "prod"});
    CHECK(reader->default_name() == "prod");
    CHECK(reader->find("second")->account == "acme");
    CHECK_FALSE(reader->find("third"));
    CHECK(reader->all().names() == std::vector<std::string>{"second", "prod"});
  }
}

TEST_CASE("a snapshot that is damaged, a link or not a file is not used and a good one replaces it") {
  SnapshotFixture f;
  CHECK(f.store.read(f.later).find("fake"));  // the fixture's snapshot is in use

  SECTION("cut short") {
    std::string bytes = read(f.store.snapshot_path());
    write_snapshot(f.store.snapshot_path(), bytes.substr(0, bytes.size() - 1));
  }
  SECTION("empty") { write_snapshot(f.store.snapshot_path(), ""); }
  SECTION("a link to a good snapshot") {
    fs::rename(f.store.snapshot_path(), f.dir.path / "elsewhere");
    fs::create_symlink(f.dir.path / "elsewhere", f.store.snapshot_path());
  }
  SECTION("a fifo") {
    fs::remove(f.store.snapshot_path());
    REQUIRE(::mkfifo(f.store.snapshot_path().c_str(), 0600) == 0);
  }
  SECTION("a folder") {
    fs::remove(f.store.snapshot_path());
    fs::create_directory(f.store.snapshot_path());
  }
  ProfileReader reader = f.store.read(f.later);
  CHECK(reader.names() == std::vector<std::string>{"prod"});
  CHECK(reader.default_name() == "prod");
  if (fs::is_regular_file(fs::symlink_status(f.store.snapshot_path()))) {
    auto again = f.store.read(f.later).find("prod");
    REQUIRE(again);
    CHECK(again->token == prod.token);
  }
}

TEST_CASE("a record found damaged on the way sends the reader to the file") {
  SnapshotFixture f;
  std::string bytes = read(f.store.snapshot_path());
  bytes[bytes.size() - 2] ^= 0x01;  // inside fake's record; the index still checks out
  write_snapshot(f.store.snapshot_path(), bytes);

  ProfileReader reader = f.store.read(f.later);
  CHECK(reader.names() == std::vector<std::string>{"fake"});  // the index is intact
  CHECK_FALSE(reader.find("fake"));                           // its record is not: the file is parsed instead
  CHECK(reader.names() == std::vector<std::string>{"prod"});
  CHECK(reader.find("prod"));
  CHECK(f.store.read(f.later).names() == std::vector<std::string>{"prod"});  // and a new snapshot taken
}

TEST_CASE("snapshots live in the user's own folder: runtime, else cache, else ~/.cache") {
  CHECK(locate_snapshot_folder(Environment({{"XDG_RUNTIME_DIR", "/run/user/7"}, {"XDG_CACHE_HOME", "/c"}, {"HOME", "/h"}})) ==
        "/run/user/7/triplydb");
  CHECK(locate_snapshot_folder(Environment({{"XDG_CACHE_HOME", "/c"}, {"HOME", "/h"}})) == "/c/triplydb");
  CHECK(locate_snapshot_folder(Environment({{"XDG_RUNTIME_DIR", "run"}, {"XDG_CACHE_HOME", "c"}, {"HOME", "/h"}})) == "/h/.cache/triplydb");
  CHECK(locate_snapshot_folder(Environment()).empty());
  // Never beside the profiles file, where others may be able to write.
  TempDir dir;
  ProfileStore store(dir.path / "shared" / "profiles.yaml", dir.path / "mine" / "triplydb");
  CHECK(store.snapshot_path().parent_path() == dir.path / "mine" / "triplydb");
}

TEST_CASE("a snapshot that is not the user's alone is reported and never read") {
  SnapshotFixture f;
  std::vector<std::string> warnings;
  ProfileStore store = store_at(f.store.path(), [&](const std::string& w) { warnings.push_back(w); });
  CHECK(store.read(f.later).find("fake"));  // the fixture's snapshot is in use
  REQUIRE(warnings.empty());
  std::string expected;

  SECTION("a snapshot others may read or change") {
    fs::permissions(store.snapshot_path(), fs::perms(0660));
    expected = "ignored the snapshot " + store.snapshot_path().string() + ": others may read or change it";
  }
  SECTION("a folder others may change") {
    fs::permissions(store.snapshot_path().parent_path(), fs::perms(0770));
    expected = "ignored the snapshot " + store.snapshot_path().string() + ": its folder is not yours alone (others may read or change it)";
  }
  SECTION("a snapshot owned by someone else") {
    if (::geteuid() != 0) {
      WARN("not root: a snapshot owned by someone else is not tried");
      return;
    }
    REQUIRE(::chown(store.snapshot_path().c_str(), 4242, 4242) == 0);
    expected = "ignored the snapshot " + store.snapshot_path().string() + ": it is owned by user 4242, not by you";
  }
  ProfileReader reader = store.read(f.later);
  CHECK(reader.names() == std::vector<std::string>{"prod"});
  CHECK_FALSE(reader.find("fake"));
  REQUIRE_FALSE(warnings.empty());
  CHECK(warnings.front() == expected);
}

TEST_CASE("every change drops the snapshot, its abandoned temporaries and the one older versions kept beside the file") {
  SnapshotFixture f;
  const fs::path folder = f.store.snapshot_path().parent_path();
  const fs::path abandoned = folder / ("." + f.store.snapshot_path().filename().string() + ".Ab12Cd");
  const fs::path beside = f.store.path().string() + ".cache";
  write(abandoned, prod.token);
  write(beside, prod.token);
  f.store.update([](ProfileDocument& doc) { doc.remove("prod"); });
  CHECK_FALSE(fs::exists(f.store.snapshot_path()));
  CHECK_FALSE(fs::exists(abandoned));
  CHECK_FALSE(fs::exists(beside));
  CHECK(f.store.read(f.later).names().empty());
}

TEST_CASE("a FIFO, a socket or a device at the profiles path is refused at once") {
  TempDir dir;
  const fs::path file = dir.path / "profiles.yaml";
  std::string kind;
  SECTION("a FIFO") {
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
    kind = "a FIFO";
  }
  SECTION("a device") {
    fs::create_symlink("/dev/zero", file);
    kind = "a device";
  }
  const std::string message = file.string() + " is " + kind + ", not a profiles file; remove it or point TRIPLYDB_PROFILES elsewhere";
  CHECK_THROWS_WITH(store_at(file).load(), message);
  CHECK_THROWS_WITH(store_at(file).read(std::chrono::system_clock::now()), message);
}

TEST_CASE("the lock file is never followed through a link") {
  TempDir dir;
  ProfileStore store = store_at(dir.path / "profiles.yaml");
  store.update([](ProfileDocument& doc) { doc.put(prod); });
  const std::string before = read(store.path());
  fs::remove(store.path().string() + ".lock");
  fs::create_symlink(dir.path / "elsewhere", store.path().string() + ".lock");
  CHECK_THROWS_WITH(store.update([](ProfileDocument& doc) { doc.remove("prod"); }),
                    "the lock file " + store.path().string() + ".lock is a symbolic link; remove it and try again");
  CHECK_FALSE(fs::exists(dir.path / "elsewhere"));
  CHECK(read(store.path()) == before);
}

TEST_CASE("root rewriting another user's file keeps its owner, group and mode") {
  if (::geteuid() != 0) {
    WARN("not root: rewriting another user's file is not tried");
    return;
  }
  TempDir dir;
  ProfileStore store = store_at(dir.path / "profiles.yaml");
  store.update([](ProfileDocument& doc) { doc.put(prod); });
  REQUIRE(::chown(store.path().c_str(), 4242, 4343) == 0);
  REQUIRE(::chmod(store.path().c_str(), 0640) == 0);
  REQUIRE(::chown((store.path().string() + ".lock").c_str(), 4242, 4343) == 0);
  store.update([](ProfileDocument& doc) { doc.set_default(std::string("prod")); });
  struct stat info {};
  REQUIRE(::stat(store.path().c_str(), &info) == 0);
  CHECK(info.st_uid == 4242u);
  CHECK(info.st_gid == 4343u);
  CHECK((info.st_mode & 07777) == 0640u);
  CHECK(store.load().profiles().default_name == "prod");
}
