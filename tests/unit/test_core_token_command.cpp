#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "token_command.hpp"

using namespace tdb;
using namespace std::chrono_literals;

namespace {

Environment path_only() { return Environment(Environment::Map{{"PATH", "/usr/bin:/bin"}}); }

// A shell script as the command, so each test states what the "password manager" does.
std::vector<std::string> script(const std::string& body) { return {"/bin/sh", "-c", body}; }

}  // namespace

TEST_CASE("run_token_command returns the first line of standard output") {
  std::string token = test::mint_token(R"({"uid":"u1"})");
  auto result = run_token_command({"printf", "%s\\n", token}, path_only());
  REQUIRE(result.has_value());
  CHECK(*result == token);

  result = run_token_command(script("printf 'tok-1\\r\\nlogin: me\\nurl: x\\n'"), path_only());
  REQUIRE(result.has_value());
  CHECK(*result == "tok-1");
}

TEST_CASE("run_token_command runs without a shell and with the given environment") {
  auto result = run_token_command({"printf", "%s", "$HOME;`id`"}, path_only());
  REQUIRE(result.has_value());
  CHECK(*result == "$HOME;`id`");

  result = run_token_command(script("printf '%s' \"$TOKEN_FOR_TEST\""),
                             Environment(Environment::Map{{"PATH", "/usr/bin:/bin"}, {"TOKEN_FOR_TEST", "from-env"}}));
  REQUIRE(result.has_value());
  CHECK(*result == "from-env");

  result = run_token_command(script("read line && printf 'got %s' \"$line\" || printf 'stdin is empty'"), path_only());
  REQUIRE(result.has_value());
  CHECK(*result == "stdin is empty");
}

TEST_CASE("run_token_command reports failures without repeating the output") {
  auto result = run_token_command(script("printf 'secret-output'; exit 3"), path_only());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'/bin/sh' exited with status 3");

  result = run_token_command(script("kill -TERM $$"), path_only());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'/bin/sh' was ended by signal 15");

  result = run_token_command({"triplydb-no-such-program"}, path_only());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "cannot run 'triplydb-no-such-program': No such file or directory");

  result = run_token_command(script("printf '\\n\\n'"), path_only());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'/bin/sh' printed no token");

  result = run_token_command({}, path_only());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "the command is empty");
}

TEST_CASE("run_token_command stops a command that hangs or floods") {
  auto started = std::chrono::steady_clock::now();
  auto result = run_token_command(script("sleep 8"), path_only(), 300ms);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'/bin/sh' did not finish within 300 ms and was stopped");
  CHECK(std::chrono::steady_clock::now() - started < 5s);

  // Standard output closed, process still running: still bounded.
  result = run_token_command(script("printf tok; exec >&-; sleep 8"), path_only(), 300ms);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'/bin/sh' did not finish within 300 ms and was stopped");

  result = run_token_command({"cat", "/dev/zero"}, path_only());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'cat' printed more than 64 KiB, which is not a token");
}
