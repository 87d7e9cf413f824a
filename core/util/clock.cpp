#include "util/clock.hpp"

#include <ctime>

namespace tdb {

std::int64_t epoch_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::string format_utc(std::int64_t seconds, UtcStyle style) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  char text[32];
  const char* pattern = style == UtcStyle::people ? "%Y-%m-%d %H:%M UTC" : "%Y-%m-%dT%H:%M:%SZ";
  if (::gmtime_r(&time, &parts) == nullptr || std::strftime(text, sizeof text, pattern, &parts) == 0) return std::to_string(seconds);
  return text;
}

}  // namespace tdb
