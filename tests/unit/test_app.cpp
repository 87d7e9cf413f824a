// The program in-process, through the seam the commands use: a Context whose environment,
// streams and clock the test sets, with a private profiles file.
#include <catch2/catch.hpp>
#include <sstream>

#include "app.hpp"
#include "commands/command.hpp"
#include "test_support.hpp"

using namespace tdb;
namespace fs = std::filesystem;

namespace {

// The token's `exp`, 2027-01-31 14:05 UTC.
constexpr std::int64_t expiry = 1801404300;
const std::string token = test::mint_token(R"({"uid":"u1","iss":"https://api.triplydb.com","exp":1801404300})");

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

// One user's HOME, XDG folders and profiles file, all 0700 under a temporary folder.
struct Session {
  test::TempDir home;
  Environment::Map vars{{"HOME", (home.path / "home").string()},
                        {"XDG_CONFIG_HOME", (home.path / "xdg").string()},
                        {"XDG_RUNTIME_DIR", (home.path / "run").string()},
                        {"TRIPLYDB_PROFILES", (home.path / "profiles.yaml").string()}};

  Outcome run(std::vector<std::string> words, const std::string& input = "",
              std::chrono::system_clock::time_point now = std::chrono::system_clock::time_point(std::chrono::seconds(expiry - 86400))) {
    std::istringstream in(input);
    std::ostringstream out, err;
    Context ctx{.env = Environment(vars), .in = in, .out = out, .err = err, .program_path = {}, .now = now};
    const int status = run_program(ctx, words);
    return {status, out.str(), err.str()};
  }
  std::string profiles_file() const { return test::read_file(vars.at("TRIPLYDB_PROFILES")); }
};

}  // namespace

TEST_CASE("every command of the table answers --help in-process, with its own synopsis") {
  Session s;
  for (const Command& command : all_commands()) {
    INFO(command.name);
    auto help = s.run({std::string(command.name), "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("triplydb-profile " + std::string(command.name)) != std::string::npos);
    CHECK(help.out.find(std::string(command.synopsis)) != std::string::npos);
    CHECK(help.err.empty());
    auto listed = s.run({"--help"});
    CHECK(listed.out.find("  " + std::string(command.name) + " ") != std::string::npos);
  }
}

TEST_CASE("add, list and env work on the file and streams the Context names, at the time it gives") {
  Session s;
  auto added = s.run({"add", "prod", "--no-verify"}, token + "\n");
  REQUIRE(added.status == 0);
  CHECK(added.out.find("Added profile 'prod' for https://api.triplydb.com") != std::string::npos);
  CHECK(s.profiles_file().find("    token: " + token + "\n") != std::string::npos);

  const std::string row = "  prod  -  ****" + token.substr(token.size() - 4) + "  ";
  auto before = s.run({"list"});
  CHECK(before.out == "https://api.triplydb.com\n" + row + "expires 2027-01-31 14:05 UTC\n");
  auto after = s.run({"list"}, "", std::chrono::system_clock::time_point(std::chrono::seconds(expiry)));
  CHECK(after.out == "https://api.triplydb.com\n" + row + "EXPIRED 2027-01-31 14:05 UTC\n");

  auto env = s.run({"env", "prod", "--shell", "bash"});
  CHECK(env.status == 0);
  CHECK(env.out == "export TRIPLYDB_TOKEN='" + token +
                       "'\nexport TRIPLYDB_API='https://api.triplydb.com'\nexport TRIPLYDB_PROFILE='prod'\nunset TRIPLYDB_ACCOUNT\n");
}

TEST_CASE("what is active comes from the Context's environment, never the process's") {
  Session s;
  REQUIRE(s.run({"add", "prod", "--no-verify"}, token + "\n").status == 0);
  auto none = s.run({"current"});
  CHECK(none.status == 1);
  CHECK(none.out.empty());
  CHECK(none.err == "triplydb-profile: no profile is active in this shell; 'triplydb use NAME' activates one\n");
  s.vars["TRIPLYDB_PROFILE"] = "prod";
  s.vars["TRIPLYDB_TOKEN"] = token;
  CHECK(s.run({"current"}).out == "prod\n");
}

TEST_CASE("errors are printed once, on the error stream, with the program's name, and change nothing") {
  Session s;
  REQUIRE(s.run({"add", "prod", "--no-verify"}, token + "\n").status == 0);
  const std::string file = s.profiles_file();

  auto typo = s.run({"lst"});
  CHECK(typo.status == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err == "triplydb-profile: unknown command 'lst'; did you mean 'list'? (see 'triplydb-profile --help')\n");

  auto option = s.run({"list", "--bogus"});
  CHECK(option.status == 2);
  CHECK(option.err.rfind("triplydb-profile: list: ", 0) == 0);

  auto function_only = s.run({"use", "prod"});
  CHECK(function_only.status == 2);
  CHECK(function_only.err.find("only the shell function can do") != std::string::npos);

  auto quoted = s.run({"add", "other", "--no-verify"}, "abc'def.ghi.jkl\n");
  CHECK(quoted.status != 0);
  CHECK(quoted.err.rfind("triplydb-profile: ", 0) == 0);
  CHECK(quoted.err.find('\n') == quoted.err.size() - 1);  // one line

  CHECK(s.profiles_file() == file);
}
