#include "coach/local_time.h"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <sstream>
#include <stdexcept>

namespace backcoach::coach {
namespace {

using std::chrono::milliseconds;
using Millis = date::sys_time<milliseconds>;

Millis at(std::int64_t ms) { return Millis{milliseconds{ms}}; }

}  // namespace

std::optional<LocalTime> LocalTime::parse(std::string_view hh_mm) {
  // date::parse reads "%H:%M" but also takes one-digit fields and trailing text;
  // the API's format is exactly five characters.
  if (hh_mm.size() != 5 || hh_mm[2] != ':') return std::nullopt;
  std::istringstream in{std::string(hh_mm)};
  std::chrono::minutes since_midnight{};
  in >> date::parse("%H:%M", since_midnight);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  const LocalTime t{static_cast<int>(since_midnight.count())};
  // %M takes 60 (a leap second's minute); the time must read back as it was given.
  if (t.minutes < 0 || t.minutes >= 24 * 60 || t.to_string() != hh_mm) return std::nullopt;
  return t;
}

std::string LocalTime::to_string() const {
  return date::format("%H:%M", std::chrono::minutes{minutes});
}

std::optional<TimeZone> TimeZone::find(std::string_view name) {
  if (name.empty()) return std::nullopt;
  try {
    return TimeZone(date::locate_zone(name));
  } catch (const std::runtime_error&) {
    return std::nullopt;  // the library reports an unknown name only by throwing
  }
}

const std::string& TimeZone::name() const { return zone_->name(); }

std::int64_t TimeZone::next(LocalTime time, std::int64_t after_ms) const {
  const auto local = zone_->to_local(at(after_ms));
  const auto day = date::floor<date::days>(local);
  // Today's occurrence, else tomorrow's; a third day only guards against a zone
  // that skips a whole calendar day (Samoa, 2011-12-30).
  for (int offset = 0; offset < 3; ++offset) {
    const auto wall = day + date::days{offset} + std::chrono::minutes{time.minutes};
    const auto instant = zone_->to_sys(wall, date::choose::earliest);
    const auto ms = date::floor<milliseconds>(instant).time_since_epoch().count();
    if (ms > after_ms) return ms;
  }
  return after_ms + 24LL * 3600 * 1000;
}

std::string TimeZone::date_at(std::int64_t at_ms) const {
  const auto local = zone_->to_local(at(at_ms));
  return date::format("%F", date::floor<date::days>(local));
}

int TimeZone::day_at(std::int64_t at_ms) const {
  const auto local = zone_->to_local(at(at_ms));
  return static_cast<int>(date::floor<date::days>(local).time_since_epoch().count());
}

LocalTime TimeZone::time_at(std::int64_t at_ms) const {
  const auto local = zone_->to_local(at(at_ms));
  const auto since_midnight =
      date::floor<std::chrono::minutes>(local - date::floor<date::days>(local));
  return LocalTime{static_cast<int>(since_midnight.count())};
}

}  // namespace backcoach::coach
