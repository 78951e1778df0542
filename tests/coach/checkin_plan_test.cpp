#include "coach/checkin_plan.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <chrono>

namespace backcoach::coach {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

std::int64_t utc(date::year_month_day day, hours h, minutes m = minutes{0}) {
  const auto t = date::sys_days{day} + h + m;
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// 09:00 in London (BST, UTC+1) on 2024-05-01.
const std::int64_t kDue = utc(2024_y / 5 / 1, hours{8});
const std::int64_t kNextDay = utc(2024_y / 5 / 2, hours{8});

store::DueReminder due(std::string kind = "daily", std::optional<std::string> tier = "self_care",
                       std::string time = "09:00", std::int64_t at = kDue) {
  return {{"u1", std::move(kind), std::move(time), "Europe/London", "ws", at, std::nullopt},
          std::move(tier)};
}

TEST(QuietHours, WrapAroundMidnightAndParse) {
  const QuietHours q;  // 21:00-08:00
  EXPECT_TRUE(q.contains(LocalTime::of(23, 0)));
  EXPECT_TRUE(q.contains(LocalTime::of(7, 59)));
  EXPECT_FALSE(q.contains(LocalTime::of(8, 0)));
  EXPECT_FALSE(q.contains(LocalTime::of(20, 59)));
  const auto day = QuietHours::parse("12:00-14:00");
  ASSERT_TRUE(day.has_value());
  EXPECT_TRUE(day->contains(LocalTime::of(13, 0)));
  EXPECT_FALSE(day->contains(LocalTime::of(14, 0)));
  EXPECT_FALSE(QuietHours::parse("00:00-00:00")->contains(LocalTime::of(3, 0)));
  for (const char* bad : {"21:00", "21:00-8:00", "21:00 08:00", "25:00-08:00", ""}) {
    EXPECT_FALSE(QuietHours::parse(bad).has_value()) << bad;
  }
}

TEST(CheckinPlan, OnTimeSendsAndMovesToTomorrowAtTheSameWallClock) {
  const auto plan = plan_checkin(due(), kDue + 500, {});
  EXPECT_EQ(plan.event, "checkin_due");
  EXPECT_EQ(plan.claim.due_ms, kDue);
  EXPECT_EQ(plan.claim.next_due_ms, kNextDay);
  EXPECT_TRUE(plan.claim.sent);
}

// A time the person chose inside quiet hours is theirs: it is sent.
TEST(CheckinPlan, QuietHoursDoNotHoldATimeThePersonChose) {
  const auto late_evening = utc(2024_y / 5 / 1, hours{21}, minutes{30});  // 22:30 BST
  const auto plan =
      plan_checkin(due("daily", "self_care", "22:30", late_evening), late_evening, {});
  EXPECT_EQ(plan.event, "checkin_due");
}

// Down for three days, back at 15:00: one check-in now, the next tomorrow at 09:00.
TEST(CheckinPlan, AfterALongDowntimeOneCheckInNotABacklog) {
  const auto back = utc(2024_y / 5 / 4, hours{14});
  const auto plan = plan_checkin(due(), back, {});
  EXPECT_EQ(plan.event, "checkin_due");
  EXPECT_EQ(plan.claim.next_due_ms, utc(2024_y / 5 / 5, hours{8}));
}

// Back at 07:30 (in quiet hours, today's 09:00 still ahead): nothing now, today's at 09:00.
TEST(CheckinPlan, ALateCheckInWaitsForTodaysTimeAndNeverGoesOutInQuietHours) {
  const auto early = utc(2024_y / 5 / 4, hours{6}, minutes{30});
  auto plan = plan_checkin(due(), early, {});
  EXPECT_EQ(plan.event, "");
  EXPECT_EQ(plan.claim.next_due_ms, utc(2024_y / 5 / 4, hours{8}));
  EXPECT_FALSE(plan.claim.sent);
  const auto night = utc(2024_y / 5 / 1, hours{22});  // 23:00 BST, 14 h late
  plan = plan_checkin(due(), night, {});
  EXPECT_EQ(plan.event, "");
  EXPECT_EQ(plan.claim.next_due_ms, kNextDay);
}

TEST(CheckinPlan, AfterAReferralCheckInsStopAndOneFollowUpComesDaysLater) {
  CheckinPolicy policy;
  policy.follow_up_days = 3;
  auto plan = plan_checkin(due("daily", "soon"), kDue, policy);
  EXPECT_EQ(plan.event, "");
  EXPECT_EQ(plan.claim.kind, "follow_up");
  EXPECT_EQ(plan.claim.next_due_ms, kDue + 3LL * 24 * 3600 * 1000);
  // The follow-up goes out, and the reminder with it.
  plan = plan_checkin(due("follow_up", "soon", "09:00", kDue), kDue, policy);
  EXPECT_EQ(plan.event, "followup_due");
  EXPECT_EQ(plan.claim.next_due_ms, std::nullopt);
}

TEST(CheckinPlan, AFollowUpIsHeldUntilQuietHoursEnd) {
  const auto night = utc(2024_y / 5 / 1, hours{22});  // 23:00 BST
  auto plan = plan_checkin(due("daily", "urgent", "23:00", night), night, {});
  EXPECT_EQ(plan.claim.kind, "follow_up");
  EXPECT_EQ(plan.claim.next_due_ms, utc(2024_y / 5 / 5, hours{7}));  // 08:00 BST, 4th+1
  plan = plan_checkin(due("follow_up", "urgent", "23:00", night), night, {});
  EXPECT_EQ(plan.event, "");
  EXPECT_EQ(plan.claim.kind, "follow_up");
  EXPECT_EQ(plan.claim.next_due_ms, utc(2024_y / 5 / 2, hours{7}));
}

}  // namespace
}  // namespace backcoach::coach
