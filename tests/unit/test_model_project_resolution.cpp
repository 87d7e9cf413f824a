#include <catch2/catch.hpp>

#include "model/project_resolution.hpp"
#include "util/sha256.hpp"

using namespace tdb;

namespace {

Profile profile(const std::string& name, const std::string& instance, std::optional<std::string> account = std::nullopt) {
  Profile p;
  p.name = name;
  p.instance = instance;
  p.account = std::move(account);
  return p;
}

const std::string acme = "https://api.data.acme.example";
const std::string project_text = "version: 1\ninstance: " + acme + "\nvars:\n  ETL_STAGE: acceptance\n";

ProfileSet profiles_with(std::vector<Profile> list, std::optional<std::string> default_name = std::nullopt) {
  return ProfileSet{std::move(list), std::move(default_name)};
}

FoundProjectFile file_in(const std::string& folder, const std::string& text = project_text) {
  return {folder, folder + "/.triplydb.yaml", text};
}

ProjectTrust allowing(const FoundProjectFile& file) {
  ProjectTrust trust;
  trust.allow(file.path, sha256_hex(file.text));
  return trust;
}

}  // namespace

TEST_CASE("an allowed project file picks the one matching profile, with its vars") {
  auto file = file_in("/w/etl");
  auto set = profiles_with({profile("public", "https://api.triplydb.com"), profile("acme-write", acme, "acme")});
  auto r = resolve_folder("/w/etl/src", file, allowing(file), set);
  CHECK(r.kind == Resolution::Kind::project);
  CHECK(r.root == "/w/etl");
  CHECK(r.profile == "acme-write");
  CHECK(r.vars == Variables{{"ETL_STAGE", "acceptance"}});
}

TEST_CASE("a project file that is not allowed, or changed, activates nothing and says how to allow it") {
  auto file = file_in("/w/etl");
  auto set = profiles_with({profile("acme-write", acme)});
  auto r = resolve_folder("/w/etl/src/deep", file, ProjectTrust{}, set);
  CHECK(r.kind == Resolution::Kind::notice);
  CHECK(r.root == "/w/etl");
  CHECK(r.message == "../../.triplydb.yaml wants " + acme + " (profile acme-write); run 'triplydb allow' to use it here");

  ProjectTrust old;
  old.allow(file.path, sha256_hex("version: 1\ninstance: https://api.triplydb.com\n"));
  CHECK(resolve_folder("/w/etl", file, old, set).message ==
        "./.triplydb.yaml changed since you allowed it; it wants " + acme + " (profile acme-write); run 'triplydb allow' to use it here");

  ProjectTrust denied;
  denied.deny(file.path, sha256_hex(file.text));
  CHECK(resolve_folder("/w/etl", file, denied, set).kind == Resolution::Kind::none);
}

TEST_CASE("no matching profile names the instance, account, token page and add") {
  auto file = file_in("/w/etl", "version: 1\ninstance: " + acme + "\naccount: acme\n");
  auto set = profiles_with({profile("acme-other", acme, "someone")});
  auto r = resolve_folder("/w/etl", file, allowing(file), set);
  CHECK(r.kind == Resolution::Kind::notice);
  CHECK(r.message == "./.triplydb.yaml wants " + acme +
                         " (account acme) and no profile of yours is for it; make a token at "
                         "https://data.acme.example/me/-/settings/tokens and run 'triplydb add NAME'");
}

TEST_CASE("several matches: a binding there, else the default among them, else a list") {
  auto file = file_in("/w/etl");
  auto set = profiles_with({profile("acme-read", acme), profile("acme-write", acme)});
  auto r = resolve_folder("/w/etl", file, allowing(file), set);
  CHECK(r.kind == Resolution::Kind::notice);
  CHECK(r.message ==
        "./.triplydb.yaml wants " + acme + " and profiles acme-read, acme-write are for it; choose one here with 'triplydb bind NAME'");

  set.default_name = "acme-write";
  CHECK(resolve_folder("/w/etl", file, allowing(file), set).profile == "acme-write");

  ProjectTrust trust = allowing(file);
  trust.bind("/w/etl", "acme-read");
  r = resolve_folder("/w/etl/x", file, trust, set);
  CHECK(r.kind == Resolution::Kind::bind);
  CHECK(r.profile == "acme-read");
}

TEST_CASE("the nearer of a binding and a project file wins") {
  auto nested = file_in("/w/etl/nested");
  auto set = profiles_with({profile("acme", acme), profile("mine", "https://api.triplydb.com")});
  ProjectTrust trust = allowing(nested);
  trust.bind("/w", "mine");
  CHECK(resolve_folder("/w/etl/nested/a", nested, trust, set).profile == "acme");
  CHECK(resolve_folder("/w/etl", std::nullopt, trust, set).profile == "mine");
  trust.bind("/w/etl/nested/a", "mine");
  CHECK(resolve_folder("/w/etl/nested/a", nested, trust, set).kind == Resolution::Kind::bind);
  CHECK(resolve_folder("/elsewhere", std::nullopt, trust, set).kind == Resolution::Kind::none);
}

TEST_CASE("a binding to a removed profile and a broken project file say so") {
  ProjectTrust trust;
  trust.bind("/w", "gone");
  CHECK(resolve_folder("/w", std::nullopt, trust, ProfileSet{}).message ==
        "this folder is bound to the profile 'gone', which does not exist; run 'triplydb unbind' here or 'triplydb add gone'");
  auto broken = file_in("/p", "version: 1\n");
  CHECK(resolve_folder("/p", broken, ProjectTrust{}, ProfileSet{}).message ==
        "/p/.triplydb.yaml:1:1: the project file has no 'instance'; add 'instance: https://api.HOST'");
}

TEST_CASE("paths are shown as typed from the folder") {
  CHECK(path_from("/a/b", "/a/b/.triplydb.yaml") == "./.triplydb.yaml");
  CHECK(path_from("/a/b", "/a/.triplydb.yaml") == "../.triplydb.yaml");
  CHECK(path_from("/a", "/.triplydb.yaml") == "../.triplydb.yaml");
  CHECK(path_from("/a", "/x/.triplydb.yaml") == "/x/.triplydb.yaml");
}
