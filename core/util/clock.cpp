#include "util/clock.hpp"

#include <ctime>

namespace tdb {

namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr std::int64_t year_10000 = 253402300800;  // the first second that needs five digits of year

struct CivilDate {
  std::int64_t year;
  unsigned month, day;
};

// The proleptic Gregorian date of a day counted from 1970-01-01 (0 ≤ days), in 400-year eras of
// 146097 days that start on 1 March, so that the leap day ends a year.
CivilDate civil_from_days(std::int64_t days) {
  days += 719468;  // from 0000-03-01
  const std::int64_t era = days / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;  // 0 is March
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  return {static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

void append_digits(std::string& out, std::int64_t value, int width) {
  char digits[4];
  for (int i = width - 1; i >= 0; --i, value /= 10) digits[i] = static_cast<char>('0' + value % 10);
  out.append(digits, static_cast<std::size_t>(width));
}

// What strftime writes, for times it has no fast path for (before 1970, after 9999).
std::string format_with_strftime(std::int64_t seconds, UtcStyle style) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  char text[32];
  const char* pattern = style == UtcStyle::people ? "%Y-%m-%d %H:%M UTC" : "%Y-%m-%dT%H:%M:%SZ";
  if (::gmtime_r(&time, &parts) == nullptr || std::strftime(text, sizeof text, pattern, &parts) == 0) return std::to_string(seconds);
  return text;
}

}  // namespace

std::int64_t epoch_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// list prints one time per profile: the calendar arithmetic here costs a tenth of strftime's.
std::string format_utc(std::int64_t seconds, UtcStyle style) {
  if (seconds < 0 || seconds >= year_10000) return format_with_strftime(seconds, style);
  const CivilDate date = civil_from_days(seconds / seconds_per_day);
  const std::int64_t of_day = seconds % seconds_per_day;
  std::string out;
  out.reserve(20);
  append_digits(out, date.year, 4);
  out += '-';
  append_digits(out, date.month, 2);
  out += '-';
  append_digits(out, date.day, 2);
  out += style == UtcStyle::people ? ' ' : 'T';
  append_digits(out, of_day / 3600, 2);
  out += ':';
  append_digits(out, of_day / 60 % 60, 2);
  if (style == UtcStyle::people) {
    out += " UTC";
  } else {
    out += ':';
    append_digits(out, of_day % 60, 2);
    out += 'Z';
  }
  return out;
}

}  // namespace tdb
