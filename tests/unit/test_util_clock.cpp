#include <catch2/catch.hpp>

#include "util/clock.hpp"

using namespace tdb;

TEST_CASE("times are printed in UTC, for people and for JSON") {
  CHECK(format_utc(1801404300) == "2027-01-31 14:05 UTC");
  CHECK(format_utc(1801404309, UtcStyle::iso8601) == "2027-01-31T14:05:09Z");
  CHECK(format_utc(0) == "1970-01-01 00:00 UTC");
  CHECK(format_utc(INT64_MAX) == std::to_string(INT64_MAX));  // beyond the calendar: the number itself
  CHECK(epoch_seconds(std::chrono::system_clock::time_point(std::chrono::seconds(1801404309))) == 1801404309);
}
