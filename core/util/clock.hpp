#pragma once
// The one clock conversion and the one UTC formatter: commands take the time from Context::now
// and print it the same way everywhere. Pure: the time comes in as an argument.
#include <chrono>
#include <cstdint>
#include <string>

namespace tdb {

// Seconds since the epoch, as JWT claims count them.
std::int64_t epoch_seconds(std::chrono::system_clock::time_point time);

enum class UtcStyle {
  people,   // "2027-01-31 14:05 UTC"
  iso8601,  // "2027-01-31T14:05:09Z", for --json
};
// The time in UTC; the number itself when it is out of the calendar's range.
std::string format_utc(std::int64_t seconds, UtcStyle style = UtcStyle::people);

}  // namespace tdb
