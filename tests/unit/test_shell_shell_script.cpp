#include <catch2/catch.hpp>

#include "shell/shell_script.hpp"

using namespace tdb;

namespace {
const Profile with_account{"prod", "https://api.triplydb.com", "aaa.bbb.ccc", std::string("acme"), std::nullopt};
const Profile without_account{"read", "https://api.acme.example", "aaa.bbb.ccc", std::nullopt, std::nullopt};
}  // namespace

TEST_CASE("activation statements for each shell") {
  CHECK(*render_activation(Shell::bash, with_account) ==
        "export TRIPLYDB_TOKEN='aaa.bbb.ccc'\nexport TRIPLYDB_API='https://api.triplydb.com'\n"
        "export TRIPLYDB_PROFILE='prod'\nexport TRIPLYDB_ACCOUNT='acme'\n");
  CHECK(*render_activation(Shell::posix, without_account) ==
        "TRIPLYDB_TOKEN='aaa.bbb.ccc'; export TRIPLYDB_TOKEN\nTRIPLYDB_API='https://api.acme.example'; export TRIPLYDB_API\n"
        "TRIPLYDB_PROFILE='read'; export TRIPLYDB_PROFILE\nunset TRIPLYDB_ACCOUNT\n");
  CHECK(*render_activation(Shell::fish, without_account) ==
        "set -gx TRIPLYDB_TOKEN 'aaa.bbb.ccc'\nset -gx TRIPLYDB_API 'https://api.acme.example'\n"
        "set -gx TRIPLYDB_PROFILE 'read'\nset -e TRIPLYDB_ACCOUNT\n");
  CHECK(*render_activation(Shell::pwsh, without_account) ==
        "$env:TRIPLYDB_TOKEN = ('aaa.bbb.ccc')\n$env:TRIPLYDB_API = ('https://api.acme.example')\n"
        "$env:TRIPLYDB_PROFILE = ('read')\nRemove-Item -Path Env:TRIPLYDB_ACCOUNT -ErrorAction SilentlyContinue\n");
  CHECK(*render_activation(Shell::dotenv, without_account) ==
        "TRIPLYDB_TOKEN='aaa.bbb.ccc'\nTRIPLYDB_API='https://api.acme.example'\nTRIPLYDB_PROFILE='read'\n");
  CHECK(*render_activation(Shell::json, without_account) ==
        "{\"TRIPLYDB_TOKEN\": \"aaa.bbb.ccc\", \"TRIPLYDB_API\": \"https://api.acme.example\", \"TRIPLYDB_PROFILE\": \"read\", "
        "\"TRIPLYDB_ACCOUNT\": null}\n");
}

TEST_CASE("a value that cannot be written fails the whole script") {
  Profile bad = with_account;
  bad.account = std::string("a\0b", 3);
  auto script = render_activation(Shell::bash, bad);
  REQUIRE_FALSE(script);
  CHECK(script.error().message == "TRIPLYDB_ACCOUNT: the value contains a NUL character, which no shell variable can hold");
}

TEST_CASE("deactivation unsets all four variables") {
  CHECK(render_deactivation(Shell::zsh) == "unset TRIPLYDB_TOKEN\nunset TRIPLYDB_API\nunset TRIPLYDB_PROFILE\nunset TRIPLYDB_ACCOUNT\n");
  CHECK(render_deactivation(Shell::fish) ==
        "set -e TRIPLYDB_TOKEN\nset -e TRIPLYDB_API\nset -e TRIPLYDB_PROFILE\nset -e TRIPLYDB_ACCOUNT\n");
}

TEST_CASE("a call of the integration's own functions, in each shell's form") {
  const std::vector<std::string> args{"it's", "b"};
  CHECK(*render_call(Shell::bash, "__triplydb_auto_save", args) == "__triplydb_auto_save 'it'\\''s' 'b'\n");
  CHECK(*render_call(Shell::fish, "__triplydb_auto_restore", {}) == "__triplydb_auto_restore\n");
  CHECK(*render_call(Shell::elvish, "__triplydb_auto_enter", args) == "__triplydb_auto_enter 'it''s' 'b'\n");
  CHECK(*render_call(Shell::xonsh, "__triplydb_auto_enter", args) == "__triplydb_auto_enter('it\\'s', 'b')\n");
  CHECK(*render_call(Shell::xonsh, "__triplydb_auto_restore", {}) == "__triplydb_auto_restore()\n");
  CHECK(*render_call(Shell::nu, "__triplydb_auto_enter", args) == "{call: '__triplydb_auto_enter', args: [\"it's\", \"b\"]}\n");
  CHECK(*render_call(Shell::nu, "__triplydb_auto_restore", {}) == "{call: '__triplydb_auto_restore', args: []}\n");
  CHECK(!render_call(Shell::bash, "__triplydb_auto_enter", {std::string("a\0b", 3)}));
}

TEST_CASE("a switch unsets the previous profile's vars first, in one record for nu") {
  const Variables stale{{"ENV", "acceptance"}, {"ETL_NOTE", "x"}};
  CHECK(*render_switch(Shell::nu, without_account, stale) ==
        "{ENV: null, ETL_NOTE: null, TRIPLYDB_TOKEN: \"aaa.bbb.ccc\", TRIPLYDB_API: \"https://api.acme.example\", TRIPLYDB_PROFILE: "
        "\"read\", "
        "TRIPLYDB_ACCOUNT: null}\n");
  CHECK(*render_switch(Shell::bash, with_account, stale) ==
        "unset ENV\nunset ETL_NOTE\nexport TRIPLYDB_TOKEN='aaa.bbb.ccc'\nexport TRIPLYDB_API='https://api.triplydb.com'\n"
        "export TRIPLYDB_PROFILE='prod'\nexport TRIPLYDB_ACCOUNT='acme'\n");
  CHECK(*render_switch(Shell::fish, with_account, {}) == *render_activation(Shell::fish, with_account));
}
