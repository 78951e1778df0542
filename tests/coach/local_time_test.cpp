#include "coach/local_time.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <chrono>

namespace backcoach::coach {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

// UTC milliseconds of a date and a UTC time of day.
std::int64_t utc(date::year_month_day day, hours h, minutes m = minutes{0}) {
  const auto t = date::sys_days{day} + h + m;
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimeZone zone(const char* name) {
  auto z = TimeZone::find(name);
  EXPECT_TRUE(z.has_value()) << name;
  return *z;
}

TEST(LocalTime, ParsesExactlyHoursAndMinutes) {
  EXPECT_EQ(LocalTime::parse("09:00"), LocalTime::of(9, 0));
  EXPECT_EQ(LocalTime::parse("00:00"), LocalTime::of(0, 0));
  EXPECT_EQ(LocalTime::parse("23:59"), LocalTime::of(23, 59));
  for (const char* bad : {"9:00", "24:00", "12:60", "ab:cd", "09:00x", "0900", "", "09-00", " 9:00",
                          "-1:00", "09:0 "}) {
    EXPECT_FALSE(LocalTime::parse(bad).has_value()) << bad;
  }
  EXPECT_EQ(LocalTime::of(7, 5).to_string(), "07:05");
}

TEST(TimeZone, KnowsIanaNamesOnly) {
  EXPECT_TRUE(TimeZone::find("Europe/London").has_value());
  EXPECT_TRUE(TimeZone::find("UTC").has_value());
  EXPECT_FALSE(TimeZone::find("Mars/Olympus_Mons").has_value());
  EXPECT_FALSE(TimeZone::find("").has_value());
  EXPECT_FALSE(TimeZone::find("europe/london").has_value());
}

// New York springs forward on 2024-03-10 at 02:00 EST (07:00 UTC) to 03:00 EDT.
TEST(TimeZone, NewYorkSpringForwardKeepsTheWallClockTime) {
  const auto ny = zone("America/New_York");
  const auto nine = LocalTime::of(9, 0);
  EXPECT_EQ(ny.next(nine, utc(2024_y / 3 / 9, hours{0})), utc(2024_y / 3 / 9, hours{14}));
  EXPECT_EQ(ny.next(nine, utc(2024_y / 3 / 9, hours{14})), utc(2024_y / 3 / 10, hours{13}));
}

TEST(TimeZone, ATimeThatDoesNotExistComesWhenTheClocksJump) {
  const auto ny = zone("America/New_York");
  const auto two_thirty = LocalTime::of(2, 30);
  const auto jump = utc(2024_y / 3 / 10, hours{7});
  EXPECT_EQ(ny.next(two_thirty, utc(2024_y / 3 / 9, hours{12})), jump);
  // Once that day: the next is the following day's 02:30 EDT.
  EXPECT_EQ(ny.next(two_thirty, jump), utc(2024_y / 3 / 11, hours{6}, minutes{30}));
  // London's gap is 01:00-02:00 GMT on 2024-03-31 (01:00 UTC).
  const auto london = zone("Europe/London");
  EXPECT_EQ(london.next(LocalTime::of(1, 30), utc(2024_y / 3 / 30, hours{12})),
            utc(2024_y / 3 / 31, hours{1}));
}

// New York falls back on 2024-11-03 at 02:00 EDT to 01:00 EST: 01:30 happens twice,
// at 05:30 and 06:30 UTC. The reminder comes at the first only.
TEST(TimeZone, ATimeThatExistsTwiceComesOnce) {
  const auto ny = zone("America/New_York");
  const auto one_thirty = LocalTime::of(1, 30);
  const auto first = utc(2024_y / 11 / 3, hours{5}, minutes{30});
  const auto next_day = utc(2024_y / 11 / 4, hours{6}, minutes{30});
  EXPECT_EQ(ny.next(one_thirty, utc(2024_y / 11 / 2, hours{12})), first);
  EXPECT_EQ(ny.next(one_thirty, first), next_day);
  // Between the two occurrences: not the second one, tomorrow's.
  EXPECT_EQ(ny.next(one_thirty, utc(2024_y / 11 / 3, hours{6})), next_day);
  // London: 01:30 twice on 2024-10-27, at 00:30 and 01:30 UTC.
  const auto london = zone("Europe/London");
  EXPECT_EQ(london.next(one_thirty, utc(2024_y / 10 / 26, hours{12})),
            utc(2024_y / 10 / 27, hours{0}, minutes{30}));
  EXPECT_EQ(london.next(one_thirty, utc(2024_y / 10 / 27, hours{0}, minutes{30})),
            utc(2024_y / 10 / 28, hours{1}, minutes{30}));
}

TEST(TimeZone, LondonFallBackKeepsTheWallClockTime) {
  const auto london = zone("Europe/London");
  const auto nine = LocalTime::of(9, 0);
  EXPECT_EQ(london.next(nine, utc(2024_y / 10 / 26, hours{0})), utc(2024_y / 10 / 26, hours{8}));
  EXPECT_EQ(london.next(nine, utc(2024_y / 10 / 26, hours{8})), utc(2024_y / 10 / 27, hours{9}));
}

// Sydney, southern hemisphere: clocks go back on 2024-04-07 (03:00 AEDT -> 02:00
// AEST) and forward on 2024-10-06 (02:00 AEST -> 03:00 AEDT).
TEST(TimeZone, SydneyChangesTheOtherWayRound) {
  const auto sydney = zone("Australia/Sydney");
  const auto eight = LocalTime::of(8, 0);
  // 08:00 AEDT (UTC+11) on the 6th, then 08:00 AEST (UTC+10) on the 7th.
  EXPECT_EQ(sydney.next(eight, utc(2024_y / 4 / 5, hours{20})), utc(2024_y / 4 / 5, hours{21}));
  EXPECT_EQ(sydney.next(eight, utc(2024_y / 4 / 5, hours{21})), utc(2024_y / 4 / 6, hours{22}));
  EXPECT_EQ(sydney.next(LocalTime::of(2, 30), utc(2024_y / 10 / 5, hours{12})),
            utc(2024_y / 10 / 5, hours{16}));  // 02:00 AEST, the instant of the jump
}

TEST(TimeZone, DateAndTimeAreTheWallClocks) {
  const auto ny = zone("America/New_York");
  EXPECT_EQ(ny.date_at(utc(2024_y / 3 / 10, hours{3})), "2024-03-09");
  EXPECT_EQ(ny.time_at(utc(2024_y / 3 / 10, hours{3})), LocalTime::of(22, 0));
  EXPECT_EQ(ny.date_at(utc(2024_y / 3 / 10, hours{13})), "2024-03-10");
  EXPECT_EQ(ny.time_at(utc(2024_y / 3 / 10, hours{13})), LocalTime::of(9, 0));
}

}  // namespace
}  // namespace backcoach::coach
