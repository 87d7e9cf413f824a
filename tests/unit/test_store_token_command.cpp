#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include "store/token_command.hpp"
#include "test_support.hpp"

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

TEST_CASE("run_token_command passes the environment without any TRIPLYDB_ variable") {
  const Environment env(Environment::Map{{"PATH", "/usr/bin:/bin"},
                                         {"KEPT", "yes"},
                                         {"TRIPLYDB_TOKEN", "token-of-the-active-profile"},
                                         {"TRIPLYDB_PROFILE", "prod"},
                                         {"TRIPLYDB_PROFILES", "/somewhere/profiles.yaml"}});
  auto result = run_token_command(script("printf '%s %s' \"$KEPT\" \"$(env | grep -c ^TRIPLYDB_)\""), env);
  REQUIRE(result.has_value());
  CHECK(*result == "yes 0");
}

TEST_CASE("run_token_command returns once the command has exited and ends what it left running") {
  // The shell's background sleep holds standard output open for ten minutes.
  auto started = std::chrono::steady_clock::now();
  auto result = run_token_command(script("sleep 600.101 & echo tok-from-background"), path_only());
  auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(result.has_value());
  CHECK(*result == "tok-from-background");
  CHECK(took < 1s);
  CHECK_FALSE(test::process_running("sleep 600.101"));

  // Deeper: a subshell's child, orphaned twice; and a command that fails.
  result = run_token_command(script("(sleep 600.102 &) ; (sh -c 'sleep 600.103 & exit 0' &); echo tok-2"), path_only());
  REQUIRE(result.has_value());
  CHECK(*result == "tok-2");
  CHECK_FALSE(test::process_running("sleep 600.102"));
  CHECK_FALSE(test::process_running("sleep 600.103"));
  result = run_token_command(script("sleep 600.104 & exit 4"), path_only());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'/bin/sh' exited with status 4");
  CHECK_FALSE(test::process_running("sleep 600.104"));
}

TEST_CASE("a daemon that the command starts, in a session of its own, is left running") {
  // Like the gpg-agent that pass starts when none runs, which is ready before pass goes on.
  // setsid(1) makes the session and execs sleep in the same process.
  auto result = run_token_command(
      script("setsid sleep 600.106 & until [ \"$(cut -d' ' -f6 /proc/$!/stat)\" = $! ]; do sleep 0.01; done; echo $!"), path_only());
  REQUIRE(result.has_value());
  bool running = false;
  for (int tries = 0; tries < 200 && !running; ++tries) {
    running = test::process_running("sleep 600.106");
    if (!running) ::usleep(10'000);
  }
  CHECK(running);
  ::kill(std::stoi(*result), SIGKILL);
}

TEST_CASE("run_token_command leaves nothing running when it stops a command at the deadline") {
  auto result = run_token_command(script("sleep 30.105; echo never"), path_only(), 300ms);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "'/bin/sh' did not finish within 300 ms and was stopped");
  CHECK_FALSE(test::process_running("sleep 30.105"));
}

TEST_CASE("the command runs in our process group and session so that it may ask on the terminal") {
  // Fields 5 and 6 of /proc/PID/stat are its process group and session.
  auto result = run_token_command(script("cut -d' ' -f5,6 /proc/$$/stat"), path_only());
  REQUIRE(result.has_value());
  CHECK(*result == std::to_string(::getpgrp()) + " " + std::to_string(::getsid(0)));
}
