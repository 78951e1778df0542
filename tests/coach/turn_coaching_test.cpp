#include "coach/turn_coaching.h"

#include <date/date.h>
#include <gtest/gtest.h>

namespace backcoach::coach {
namespace {

using namespace date::literals;

// 2024-05-02 02:30 UTC: still the 1st in New York, already the 2nd in London.
const std::int64_t kNow = [] {
  const auto t = date::sys_days{2024_y / 5 / 2} + std::chrono::hours{2} + std::chrono::minutes{30};
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}();

store::TurnRecord run(const std::string& tz, std::vector<dialogue::Action> actions,
                      std::optional<triage::Tier> tier = triage::Tier::kSelfCare) {
  service::TurnRequest turn{"u1", "ws", service::TextInput{"x"}, "1"};
  turn.time_zone = tz;
  dialogue::StepResult step;
  step.state.tier = tier;
  step.actions = std::move(actions);
  store::TurnRecord record;
  record.user_id = "u1";
  record.channel = "ws";
  TurnCoaching([] { return kNow; })(turn, step, record);
  return record;
}

TEST(TurnCoaching, JournalAnswersAreDatedInThePersonsZone) {
  const auto ny =
      run("America/New_York", {dialogue::OpenJournal{}, dialogue::JournalAnswer{"pain", 4},
                               dialogue::JournalAnswer{"flags", {"severe_pain"}}});
  ASSERT_TRUE(ny.coaching.journal.has_value());
  EXPECT_EQ(ny.coaching.journal->date, "2024-05-01");
  EXPECT_TRUE(ny.coaching.journal->opens);
  EXPECT_EQ(ny.coaching.journal->pain, 4);
  EXPECT_EQ(ny.coaching.journal->flags, std::vector<std::string>{"severe_pain"});
  EXPECT_EQ(run("Europe/London", {dialogue::JournalAnswer{"felt", "same"}}).coaching.journal->date,
            "2024-05-02");
  // No zone known (a channel that sends none): UTC.
  EXPECT_EQ(run("", {dialogue::JournalAnswer{"routine_done", true}}).coaching.journal->date,
            "2024-05-02");
  EXPECT_FALSE(run("Europe/London", {}).coaching.journal.has_value());
}

// A channel with no zone (Telegram, bots): the zone the person named in the chat is the
// reminder's, and its next due instant is computed in it (date/tz, the injected clock).
TEST(TurnCoaching, AZoneNamedInTheChatIsTheRemindersWhenTheChannelGivesNone) {
  const auto tokyo = run("", {dialogue::SetReminder{9 * 60, "Asia/Tokyo"}});
  ASSERT_TRUE(tokyo.coaching.set_reminder.has_value());
  EXPECT_EQ(tokyo.coaching.set_reminder->tz, "Asia/Tokyo");
  EXPECT_EQ(tokyo.coaching.set_reminder->local_time, "09:00");
  // 11:30 in Tokyo now: 09:00 JST tomorrow, 00:00 UTC on the 3rd.
  EXPECT_EQ(tokyo.coaching.set_reminder->next_due_ms, kNow + (21LL * 60 + 30) * 60 * 1000);
  const auto ny = run("", {dialogue::SetReminder{19 * 60 + 30, "America/New_York"}});
  EXPECT_EQ(ny.coaching.set_reminder->next_due_ms, kNow + 21LL * 3600 * 1000);
  EXPECT_EQ(run("", {dialogue::SetReminder{600}}).coaching.set_reminder->tz, "UTC")
      << "none named, none given: UTC, as before";
}

TEST(TurnCoaching, ATimeChosenInTheChatBecomesTheReminderInTheirZone) {
  const auto r = run("America/New_York", {dialogue::SetReminder{19 * 60 + 30}});
  ASSERT_TRUE(r.coaching.set_reminder.has_value());
  EXPECT_EQ(r.coaching.set_reminder->local_time, "19:30");
  EXPECT_EQ(r.coaching.set_reminder->tz, "America/New_York");
  EXPECT_EQ(r.coaching.set_reminder->channel, "ws");
  EXPECT_EQ(r.coaching.set_reminder->next_due_ms,
            kNow + 21LL * 3600 * 1000);  // 19:30 EDT on the 2nd
  EXPECT_FALSE(run("Europe/London", {dialogue::SetReminder{600}}, triage::Tier::kSoon)
                   .coaching.set_reminder.has_value());
  const auto stop = run("Europe/London", {dialogue::SetReminder{600}, dialogue::StopReminders{}});
  EXPECT_TRUE(stop.coaching.stop_reminders);
  EXPECT_FALSE(stop.coaching.set_reminder.has_value());
}

}  // namespace
}  // namespace backcoach::coach
