// The Reminders contract: reminders and the pain journal, on the StoreContract
// fixture's backends (instantiated in sqlite_store_test.cpp).
#include <gmock/gmock.h>

#include "store_contract.h"

namespace backcoach::store::testing {
namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;

Reminder daily(const std::string& user, std::int64_t due) {
  return Reminder{user, "daily", "09:00", "Europe/London", "ws", due, std::nullopt};
}

ReminderClaim claim_of(const Reminder& r, std::int64_t next) {
  return ReminderClaim{r.user_id, r.next_due_ms, next, "daily", true};
}

}  // namespace

TEST_P(RemindersContract, AReminderIsKeptUntilDeleted) {
  const auto user = new_user();
  EXPECT_FALSE(store_->find_reminder(user).value().has_value());
  const auto r = daily(user, kNowMs + kHourMs);
  ASSERT_TRUE(store_->put_reminder(r, kNowMs).has_value());
  EXPECT_EQ(store_->find_reminder(user).value(), r);
  auto moved = r;
  moved.local_time = "07:30";
  moved.next_due_ms += kHourMs;
  ASSERT_TRUE(store_->put_reminder(moved, kNowMs).has_value());  // replaces
  EXPECT_EQ(store_->find_reminder(user).value(), moved);
  EXPECT_TRUE(store_->delete_reminder(user).value());
  EXPECT_FALSE(store_->delete_reminder(user).value());
  EXPECT_FALSE(store_->find_reminder(user).value().has_value());
  EXPECT_EQ(store_->put_reminder(daily("no-such-user", kNowMs), kNowMs).error(), errc::not_found);
}

TEST_P(RemindersContract, DueRemindersComeEarliestFirstWithTheTier) {
  const auto a = new_user(), b = new_user(), c = new_user();
  ASSERT_TRUE(store_->put_reminder(daily(a, kNowMs - 10), kNowMs).has_value());
  ASSERT_TRUE(store_->put_reminder(daily(b, kNowMs - 20), kNowMs).has_value());
  ASSERT_TRUE(store_->put_reminder(daily(c, kNowMs + 1), kNowMs).has_value());
  auto turn = make_turn(b, 1, "hi");
  turn.tier = "soon";
  ASSERT_FALSE(commit(turn));
  const auto due = store_->due_reminders(kNowMs, 10).value();
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].reminder.user_id, b);
  EXPECT_EQ(due[0].tier, "soon");
  EXPECT_EQ(due[1].reminder.user_id, a);
  EXPECT_EQ(due[1].tier, std::nullopt);
  EXPECT_EQ(store_->due_reminders(kNowMs, 1).value().size(), 1u);
}

// The claim rides in the turn's transaction: the turn and the advance are stored
// together, and a second claim of the same occurrence stores nothing.
TEST_P(RemindersContract, AClaimCommitsWithItsTurnAndOnlyOnce) {
  const auto user = new_user();
  const auto r = daily(user, kNowMs);
  ASSERT_TRUE(store_->put_reminder(r, kNowMs).has_value());
  auto turn = make_turn(user, 1, "", "checkin:1");
  turn.coaching.claim = claim_of(r, kNowMs + 24 * kHourMs);
  ASSERT_FALSE(commit(turn));
  const auto after = store_->find_reminder(user).value();
  EXPECT_EQ(after->next_due_ms, kNowMs + 24 * kHourMs);
  EXPECT_EQ(after->last_sent_ms, turn.created_at_ms);
  auto again = make_turn(user, 2, "", "checkin:2");
  again.coaching.claim = claim_of(r, kNowMs + 24 * kHourMs);
  EXPECT_EQ(commit(again), errc::duplicate);
  EXPECT_EQ(store_->load_conversation(user)->turns, 1);
  EXPECT_TRUE(store_->due_reminders(kNowMs, 10).value().empty());
}

TEST_P(RemindersContract, MovingWithoutATurnIsAClaimToo) {
  const auto user = new_user();
  const auto r = daily(user, kNowMs);
  ASSERT_TRUE(store_->put_reminder(r, kNowMs).has_value());
  ReminderClaim follow_up{user, kNowMs, kNowMs + 72 * kHourMs, "follow_up", false};
  EXPECT_TRUE(store_->move_reminder(follow_up, kNowMs).value());
  EXPECT_FALSE(store_->move_reminder(follow_up, kNowMs).value());  // lost: it moved
  const auto moved = store_->find_reminder(user).value();
  EXPECT_EQ(moved->kind, "follow_up");
  EXPECT_EQ(moved->last_sent_ms, std::nullopt);
  ReminderClaim drop{user, kNowMs + 72 * kHourMs, std::nullopt, "follow_up", true};
  EXPECT_TRUE(store_->move_reminder(drop, kNowMs).value());
  EXPECT_FALSE(store_->find_reminder(user).value().has_value());
}

TEST_P(RemindersContract, RemindersAreSetAndStoppedByTurns) {
  const auto user = new_user();
  auto set = make_turn(user, 1, "yes, at 9");
  set.coaching.set_reminder = daily(user, kNowMs + kHourMs);
  ASSERT_FALSE(commit(set));
  EXPECT_TRUE(store_->find_reminder(user).value().has_value());
  auto stop = make_turn(user, 2, "stop reminders");
  stop.coaching.stop_reminders = true;
  ASSERT_FALSE(commit(stop));
  EXPECT_FALSE(store_->find_reminder(user).value().has_value());
}

// A check-in opens the day's entry; its answers fill the latest entry, even when
// they come after midnight.
TEST_P(RemindersContract, CheckInAnswersFillTheDayTheyWereAskedFor) {
  const auto user = new_user();
  auto asked = make_turn(user, 1, "");
  asked.coaching.journal = JournalChange{"2024-05-01", true, {}, {}, {}, {}};
  ASSERT_FALSE(commit(asked));
  auto pain = make_turn(user, 2, "4");
  pain.coaching.journal = JournalChange{"2024-05-02", false, 4, {}, {}, {}};
  ASSERT_FALSE(commit(pain));
  auto felt = make_turn(user, 3, "worse");
  felt.coaching.journal =
      JournalChange{"2024-05-02", false, {}, true, "worse", {"worse_with_stretch"}};
  ASSERT_FALSE(commit(felt));
  const auto entries = store_->journal(user, 30).value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].date, "2024-05-01");
  EXPECT_EQ(entries[0].pain, 4);
  EXPECT_EQ(entries[0].routine_done, true);
  EXPECT_EQ(entries[0].felt, "worse");
  EXPECT_THAT(entries[0].flags, ::testing::ElementsAre("worse_with_stretch"));
}

TEST_P(RemindersContract, AnAnswerWithNoCheckInMakesItsDaysEntry) {
  const auto user = new_user();
  auto pain = make_turn(user, 1, "3");
  pain.coaching.journal = JournalChange{"2024-05-01", false, 3, {}, {}, {}};
  ASSERT_FALSE(commit(pain));
  auto next_day = make_turn(user, 2, "");
  next_day.coaching.journal = JournalChange{"2024-05-02", true, {}, {}, {}, {}};
  ASSERT_FALSE(commit(next_day));
  auto two = make_turn(user, 3, "2");
  two.coaching.journal = JournalChange{"2024-05-02", false, 2, {}, {}, {}};
  ASSERT_FALSE(commit(two));
  const auto entries = store_->journal(user, 30).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].pain, 3);
  EXPECT_EQ(entries[1].date, "2024-05-02");
  EXPECT_EQ(entries[1].pain, 2);
  EXPECT_EQ(store_->journal(user, 1).value().size(), 1u);
  EXPECT_EQ(store_->journal(user, 1).value()[0].date, "2024-05-02");
  EXPECT_EQ(store_->journal("no-such-user", 30).error(), errc::not_found);
}

TEST_P(RemindersContract, ExportHasThemAndEraseRemovesThem) {
  const auto user = new_user();
  ASSERT_TRUE(store_->put_reminder(daily(user, kNowMs), kNowMs).has_value());
  auto pain = make_turn(user, 1, "3");
  pain.coaching.journal = JournalChange{"2024-05-01", true, 3, {}, {}, {}};
  ASSERT_FALSE(commit(pain));
  const auto doc = store_->export_user(user).value();
  EXPECT_EQ(doc["reminder"]["time"], "09:00");
  EXPECT_EQ(doc["reminder"]["tz"], "Europe/London");
  ASSERT_EQ(doc["journal"].size(), 1u);
  EXPECT_EQ(doc["journal"][0]["pain"], 3);
  ASSERT_TRUE(store_->erase_user(user).value());
  EXPECT_TRUE(store_->due_reminders(kNowMs, 10).value().empty());
  EXPECT_EQ(store_->journal(user, 30).error(), errc::not_found);
  EXPECT_FALSE(store_->find_reminder(user).value().has_value());
}

}  // namespace backcoach::store::testing
