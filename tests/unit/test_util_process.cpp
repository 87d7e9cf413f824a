#include <catch2/catch.hpp>

#include <string>

#include "test_support.hpp"
#include "util/process.hpp"

using namespace tdb;
using namespace std::chrono_literals;

namespace {

Environment path_only() { return Environment(Environment::Map{{"PATH", "/usr/bin:/bin"}}); }

ProcessRequest shell(const std::string& body, std::optional<std::string> input = std::nullopt) {
  return {{"/bin/sh", "-c", body}, std::move(input), 64 * 1024, 10s};
}

}  // namespace

TEST_CASE("run_process feeds the input and returns the output and exit status") {
  auto run = run_process(shell("tr a-z A-Z; exit 3", "hello\nworld"), path_only());
  REQUIRE(run.has_value());
  CHECK(run->output == "HELLO\nWORLD");
  CHECK(run->status == 3);
  CHECK_FALSE(run->signal);
}

TEST_CASE("run_process moves input and output larger than a pipe's buffer both ways at once") {
  const std::string input(1024 * 1024, 'x');
  ProcessRequest request = shell("cat", input);
  request.max_output = 2 * input.size();
  auto run = run_process(request, path_only());
  REQUIRE(run.has_value());
  CHECK(run->output == input);
}

TEST_CASE("without input the child reads /dev/null, and a child that ignores its input does no harm") {
  auto run = run_process(shell("cat; echo done"), path_only());
  REQUIRE(run.has_value());
  CHECK(run->output == "done\n");
  run = run_process(shell("exit 0", std::string(1024 * 1024, 'x')), path_only());
  REQUIRE(run.has_value());
  CHECK(run->status == 0);
}

TEST_CASE("run_process reports what went wrong") {
  auto missing = run_process({{"/nonexistent/program"}, std::nullopt, 1024, 10s}, path_only());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().failure == ProcessFailure::cannot_start);
  CHECK(missing.error().detail == "No such file or directory");

  ProcessRequest slow = shell("sleep 10");
  slow.timeout = 200ms;
  auto timed_out = run_process(slow, path_only());
  REQUIRE_FALSE(timed_out.has_value());
  CHECK(timed_out.error().failure == ProcessFailure::timed_out);

  ProcessRequest chatty = shell("yes");
  chatty.max_output = 1000;
  auto too_much = run_process(chatty, path_only());
  REQUIRE_FALSE(too_much.has_value());
  CHECK(too_much.error().failure == ProcessFailure::too_much_output);

  auto killed = run_process(shell("kill -TERM $$"), path_only());
  REQUIRE(killed.has_value());
  CHECK(killed->signal == 15);
}

TEST_CASE("run_process passes exactly the given environment") {
  auto run = run_process({{"env"}, std::nullopt, 1024, 10s}, Environment(Environment::Map{{"PATH", "/usr/bin:/bin"}, {"ONLY", "this"}}));
  REQUIRE(run.has_value());
  CHECK(run->output == "ONLY=this\nPATH=/usr/bin:/bin\n");
}

TEST_CASE("run_process returns when the child has exited though what it started holds the output") {
  // The network helper's case: input fed, output read; a grandchild keeps the pipe open.
  auto started = std::chrono::steady_clock::now();
  auto run = run_process(shell("cat >/dev/null; sleep 600.111 & echo done; exit 5", std::string(100 * 1024, 'x')), path_only());
  REQUIRE(run.has_value());
  CHECK(run->output == "done\n");
  CHECK(run->status == 5);
  CHECK(std::chrono::steady_clock::now() - started < 1s);
  CHECK_FALSE(test::process_running("sleep 600.111"));
}
