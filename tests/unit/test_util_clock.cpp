#include <catch2/catch.hpp>

#include <ctime>
#include <string>
#include <vector>

#include "util/clock.hpp"

using namespace tdb;

TEST_CASE("times are printed in UTC, for people and for JSON") {
  CHECK(format_utc(1801404300) == "2027-01-31 14:05 UTC");
  CHECK(format_utc(1801404309, UtcStyle::iso8601) == "2027-01-31T14:05:09Z");
  CHECK(format_utc(0) == "1970-01-01 00:00 UTC");
  CHECK(format_utc(INT64_MAX) == std::to_string(INT64_MAX));  // beyond the calendar: the number itself
  CHECK(epoch_seconds(std::chrono::system_clock::time_point(std::chrono::seconds(1801404309))) == 1801404309);
}

TEST_CASE("the calendar arithmetic agrees with gmtime and strftime, leap days and centuries included") {
  auto by_strftime = [](std::int64_t seconds, const char* pattern) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    char text[32];
    REQUIRE(::gmtime_r(&time, &parts) != nullptr);
    REQUIRE(std::strftime(text, sizeof text, pattern, &parts) > 0);
    return std::string(text);
  };
  std::vector<std::int64_t> times = {0, 59, 86399, 86400, 951782400, 951868799, 4107542399, 4107542400, 253402300799};
  for (std::int64_t t = 0; t < 253402300800; t += 600007) times.push_back(t);  // every week or so: 422,000 times
  for (std::int64_t t : times) {
    REQUIRE(format_utc(t) == by_strftime(t, "%Y-%m-%d %H:%M UTC"));
    REQUIRE(format_utc(t, UtcStyle::iso8601) == by_strftime(t, "%Y-%m-%dT%H:%M:%SZ"));
  }
  CHECK(format_utc(-1, UtcStyle::iso8601) == "1969-12-31T23:59:59Z");
  CHECK(format_utc(253402300800) == "10000-01-01 00:00 UTC");
}
