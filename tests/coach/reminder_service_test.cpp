#include "coach/reminder_service.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <boost/asio/thread_pool.hpp>
#include <future>

#include "store/sqlite_store.h"

namespace backcoach::coach {
namespace {

using namespace date::literals;

std::int64_t utc(date::year_month_day day, std::chrono::hours h) {
  const auto t = date::sys_days{day} + h;
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

class ReminderServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::open(":memory:"));
    service_ = std::make_unique<ReminderService>(pool_.get_executor(), *store_, *store_,
                                                 [this] { return now_; });
    user_ = store_->create_user(now_).value();
  }
  void TearDown() override {
    pool_.join();
    store_->close();
  }
  ReminderResult<store::Reminder> put(const std::string& user, const std::string& time,
                                      const std::string& tz) {
    std::promise<ReminderResult<store::Reminder>> p;
    service_->put(user, time, tz, "ws", [&](auto r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  template <class T, class Call>
  T wait(Call call) {
    std::promise<T> p;
    call([&](T r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  std::int64_t now_ = utc(2024_y / 3 / 9, std::chrono::hours{12});  // New York: EST
  boost::asio::thread_pool pool_{1};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<ReminderService> service_;
  std::string user_;
};

TEST_F(ReminderServiceTest, BadInputIsRefusedAndNothingIsStored) {
  EXPECT_EQ(put(user_, "9:00", "America/New_York").error(), ReminderError::bad_time);
  EXPECT_EQ(put(user_, "09:00", "America/Gotham").error(), ReminderError::bad_zone);
  EXPECT_EQ(put("no-such-user", "09:00", "America/New_York").error(), ReminderError::no_user);
  EXPECT_FALSE(store_->find_reminder(user_).value().has_value());
}

// The next instant follows the zone's rules: 09:00 EST on the 9th is 14:00 UTC; set
// after it, the next is 09:00 EDT on the 10th, 13:00 UTC.
TEST_F(ReminderServiceTest, TheNextInstantFollowsTheZone) {
  auto r = put(user_, "09:00", "America/New_York");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->next_due_ms, utc(2024_y / 3 / 9, std::chrono::hours{14}));
  now_ = utc(2024_y / 3 / 9, std::chrono::hours{15});
  r = put(user_, "09:00", "America/New_York");
  EXPECT_EQ(r->next_due_ms, utc(2024_y / 3 / 10, std::chrono::hours{13}));
  using Found = ReminderResult<std::optional<store::Reminder>>;
  const auto found = wait<Found>([&](auto done) { service_->get(user_, done); });
  EXPECT_EQ(found->value().tz, "America/New_York");
  using Gone = ReminderResult<bool>;
  EXPECT_TRUE(*wait<Gone>([&](auto done) { service_->remove(user_, done); }));
  EXPECT_FALSE(*wait<Gone>([&](auto done) { service_->remove(user_, done); }));
}

TEST_F(ReminderServiceTest, AReferredConversationGetsNoDailyCheckIns) {
  store::TurnRecord turn;
  turn.user_id = user_;
  turn.turn_no = 1;
  turn.channel = "ws";
  turn.tier = "soon";
  turn.state = {{"tier", "soon"}};
  std::promise<boost::system::error_code> committed;
  store_->append_turn(turn, [&](auto ec) { committed.set_value(ec); });
  ASSERT_FALSE(committed.get_future().get());
  EXPECT_EQ(put(user_, "09:00", "Europe/London").error(), ReminderError::referred);
}

TEST_F(ReminderServiceTest, TheJournalOfAnErasedPersonIsGone) {
  using Entries = ReminderResult<std::vector<store::JournalEntry>>;
  EXPECT_TRUE(wait<Entries>([&](auto done) { service_->journal(user_, 30, done); })->empty());
  ASSERT_TRUE(store_->erase_user(user_).value());
  EXPECT_EQ(wait<Entries>([&](auto done) { service_->journal(user_, 30, done); }).error(),
            ReminderError::no_user);
}

}  // namespace
}  // namespace backcoach::coach
