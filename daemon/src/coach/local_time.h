#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace backcoach::coach {

// A time of day on the wall clock, minutes after local midnight (0..1439).
struct LocalTime {
  int minutes = 0;

  // "HH:MM", exactly five characters, 00:00 to 23:59; nullopt for anything else.
  static std::optional<LocalTime> parse(std::string_view hh_mm);
  static LocalTime of(int hour, int minute) { return {hour * 60 + minute}; }
  std::string to_string() const;  // "HH:MM"
  friend bool operator==(LocalTime, LocalTime) = default;
};

// A time zone of the system's IANA database (/usr/share/zoneinfo, Debian's tzdata;
// Howard Hinnant's date/tz built with USE_OS_TZDB reads it, never downloads one).
// A cheap handle: the zone data lives as long as the process.
// Thread-safety: every function may be called from any thread.
class TimeZone {
 public:
  // The zone named exactly `name` ("Europe/London"); nullopt when there is none.
  static std::optional<TimeZone> find(std::string_view name);

  const std::string& name() const;

  // The first instant strictly after `after_ms` (UTC milliseconds) at which the
  // clocks in this zone show `time`. On a day the time does not exist (spring
  // forward: 02:30 when clocks jump from 02:00 to 03:00) it is the instant the
  // clocks jump, as cron runs jobs of the skipped hour; on a day it exists twice
  // (fall back) it is the earlier one only, so a daily time comes once a day.
  std::int64_t next(LocalTime time, std::int64_t after_ms) const;

  // The date in this zone at `at_ms`, "YYYY-MM-DD".
  std::string date_at(std::int64_t at_ms) const;
  // The date in this zone at `at_ms`, in days since 1970-01-01 (dialogue::Input::day).
  int day_at(std::int64_t at_ms) const;
  // The wall-clock time in this zone at `at_ms`.
  LocalTime time_at(std::int64_t at_ms) const;

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;
};

}  // namespace backcoach::coach
