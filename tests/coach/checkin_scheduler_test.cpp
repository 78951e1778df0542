// The scheduler over the real service, engine, rules and SQLite (in memory), with an
// injected clock and a fake sink standing for the channels.
#include "coach/checkin_scheduler.h"

#include <date/date.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "coach/turn_coaching.h"
#include "dialogue/rule_set.h"
#include "service/conversation_service.h"
#include "store/sqlite_store.h"

namespace backcoach::coach {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

std::int64_t utc(date::year_month_day day, hours h, minutes m = minutes{0}) {
  const auto t = date::sys_days{day} + h + m;
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

const std::vector<std::string> kToOffer = {"my lower back", "35",
                                           "1 to 2 weeks",  "4",
                                           "gradually",     "nothing in particular",
                                           "none of these", "none of these",
                                           "none of these", "better"};

class FakeSink final : public CheckinSink {
 public:
  result<service::OutboundPresenter> presenter(const std::string&, const std::string& channel,
                                               const std::string&) override {
    if (channel == "ws") return service::OutboundPresenter{};
    if (channel == unreachable) return errc::not_found;
    return service::OutboundPresenter([channel](const service::TurnReply& reply) {
      return std::vector<store::OutgoingMessage>{
          {channel, "chat-1", {{"text", reply.messages.front().text}}}};
    });
  }
  void committed(const std::string& user, const std::string& channel,
                 const service::TurnReply& reply) override {
    std::lock_guard lock(mu);
    delivered.push_back({user, channel, reply.messages.back().text});
  }
  struct Delivery {
    std::string user, channel, last_text;
  };
  std::mutex mu;
  std::vector<Delivery> delivered;
  std::string unreachable;  // a channel on which nobody may be told (a /stop-ed chat)
};

class CheckinSchedulerTest : public ::testing::Test {
 protected:
  CheckinSchedulerTest()
      : work_(ioc_.get_executor()),
        log_(
            std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>())),
        metrics_(registry_),
        signer_(std::string(32, 's')) {}

  void SetUp() override {
    auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                          std::string(BACKCOACH_SOURCE_DIR) + "/intents");
    ASSERT_TRUE(loaded.ok());
    rules_ = std::make_unique<service::RulesHolder>(loaded.rules);
    store_ = std::move(*store::SqliteStore::open(":memory:"));
    io_thread_ = std::thread([this] { ioc_.run(); });
    service::ConversationService::Options options;
    options.coaching = TurnCoaching([this] { return now_.load(); });
    service_ = std::make_unique<service::ConversationService>(
        ioc_.get_executor(), pool_.get_executor(), *store_, *store_, *rules_, signer_, metrics_,
        log_, [this] { return now_.load(); }, options);
    scheduler_ = std::make_unique<CheckinScheduler>(
        ioc_.get_executor(), pool_.get_executor(), *store_, *service_, *rules_, sink_,
        [this] { return now_.load(); }, log_, CheckinScheduler::Options{});
  }

  void TearDown() override {
    scheduler_->stop();
    work_.reset();
    io_thread_.join();
    pool_.join();
    store_->close();
  }

  std::string new_user() {
    std::promise<service::ServiceResult<service::Welcome>> p;
    service_->hello(std::nullopt, [&](auto r) { p.set_value(std::move(r)); });
    return p.get_future().get()->user_id;
  }
  service::TurnReply say(const std::string& user, const std::string& text,
                         const std::string& tz = "Europe/London") {
    std::promise<service::ServiceResult<service::TurnReply>> p;
    service::TurnRequest turn{user, "ws", service::TextInput{text}, std::to_string(++ids_)};
    turn.time_zone = tz;
    service_->say(std::move(turn), [&](auto r) { p.set_value(std::move(r)); });
    auto r = p.get_future().get();
    EXPECT_TRUE(r.has_value());
    return r.has_value() ? *r : service::TurnReply{};
  }
  // A person who chose a daily check-in at `time` in London, in the chat.
  std::string person_with_reminder(const std::string& time) {
    const auto user = new_user();
    for (const auto& m : kToOffer) say(user, m);
    say(user, "at " + time);
    return user;
  }
  CheckinScheduler::Pass pass() {
    std::promise<CheckinScheduler::Pass> p;
    scheduler_->run_once([&](CheckinScheduler::Pass r) { p.set_value(r); });
    return p.get_future().get();
  }
  std::size_t delivered() {
    std::lock_guard lock(sink_.mu);
    return sink_.delivered.size();
  }

  std::atomic<std::int64_t> now_{utc(2024_y / 3 / 30, hours{12})};  // Sat, GMT
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::thread_pool pool_{2};
  std::thread io_thread_;
  service::EventLog log_;
  service::Registry registry_;
  service::DaemonMetrics metrics_;
  service::TokenSigner signer_;
  std::unique_ptr<service::RulesHolder> rules_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<service::ConversationService> service_;
  FakeSink sink_;
  std::unique_ptr<CheckinScheduler> scheduler_;
  int ids_ = 0;
};

// London springs forward on Sunday 2024-03-31: 09:00 is 09:00 GMT on Saturday and
// 08:00 UTC (09:00 BST) from Sunday on.
TEST_F(CheckinSchedulerTest, AReminderChosenInTheChatComesOnceADayAtItsWallClockTime) {
  const auto user = person_with_reminder("9:00");
  const auto reminder = store_->find_reminder(user).value();
  ASSERT_TRUE(reminder.has_value());
  EXPECT_EQ(reminder->local_time, "09:00");
  EXPECT_EQ(reminder->tz, "Europe/London");
  EXPECT_EQ(reminder->next_due_ms, utc(2024_y / 3 / 31, hours{8}));
  now_ = utc(2024_y / 3 / 31, hours{7}, minutes{59});
  EXPECT_EQ(pass().sent, 0);
  now_ = utc(2024_y / 3 / 31, hours{8});
  EXPECT_EQ(pass().sent, 1);
  EXPECT_EQ(pass().sent, 0) << "once that day";
  ASSERT_EQ(delivered(), 1u);
  EXPECT_EQ(sink_.delivered[0].user, user);
  EXPECT_NE(sink_.delivered[0].last_text.find("0 (no pain) to 10"), std::string::npos);
  EXPECT_EQ(store_->find_reminder(user).value()->next_due_ms, utc(2024_y / 4 / 1, hours{8}));
}

TEST_F(CheckinSchedulerTest, TheAnswersLandInTheJournalOfTheDayInThePersonsZone) {
  const auto user = person_with_reminder("23:30");
  now_ = store_->find_reminder(user).value()->next_due_ms;  // 23:30 GMT on the 30th
  ASSERT_EQ(pass().sent, 1);
  now_ += 45 * 60 * 1000;  // answered after midnight
  say(user, "it's a 3");
  say(user, "yes");
  say(user, "better");
  const auto journal = store_->journal(user, 30).value();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0].date, "2024-03-30");
  EXPECT_EQ(journal[0].pain, 3);
  EXPECT_EQ(journal[0].routine_done, true);
  EXPECT_EQ(journal[0].felt, "better");
}

TEST_F(CheckinSchedulerTest, AfterALongDowntimeOneCheckInNotABacklog) {
  const auto user = person_with_reminder("9:00");
  now_ = utc(2024_y / 4 / 4, hours{14});  // four days later, 15:00 BST
  EXPECT_EQ(pass().sent, 1);
  EXPECT_EQ(pass().sent, 0);
  EXPECT_EQ(delivered(), 1u);
  EXPECT_EQ(store_->find_reminder(user).value()->next_due_ms, utc(2024_y / 4 / 5, hours{8}));
}

// The claim commits with the turn: a second scheduler (a restarted daemon reading a
// claim the first one made) finds nothing due and sends nothing.
TEST_F(CheckinSchedulerTest, ASecondSchedulerNeverSendsAClaimedCheckInAgain) {
  const auto user = person_with_reminder("9:00");
  now_ = utc(2024_y / 3 / 31, hours{8});
  CheckinScheduler other(ioc_.get_executor(), pool_.get_executor(), *store_, *service_, *rules_,
                         sink_, [this] { return now_.load(); }, log_, {});
  std::promise<CheckinScheduler::Pass> p;
  other.run_once([&](CheckinScheduler::Pass r) { p.set_value(r); });
  const auto mine = pass();
  const auto theirs = p.get_future().get();
  EXPECT_EQ(mine.sent + theirs.sent, 1);
  EXPECT_EQ(delivered(), 1u);
  EXPECT_EQ(store_->load_conversation(user)->turns, 13);  // 12 chat turns + 1 check-in
}

TEST_F(CheckinSchedulerTest, AfterAReferralOneFollowUpThenNothing) {
  const auto user = person_with_reminder("9:00");
  now_ = utc(2024_y / 3 / 31, hours{8});
  ASSERT_EQ(pass().sent, 1);
  say(user, "5");
  say(user, "yes");
  const auto worse = say(user, "worse");
  ASSERT_EQ(worse.tier, "soon");
  now_ = utc(2024_y / 4 / 1, hours{8});
  auto p = pass();
  EXPECT_EQ(p.sent, 0);
  EXPECT_EQ(p.moved, 1);
  EXPECT_EQ(store_->find_reminder(user).value()->kind, "follow_up");
  now_ = utc(2024_y / 4 / 4, hours{8});
  EXPECT_EQ(pass().sent, 1);
  EXPECT_NE(sink_.delivered.back().last_text.find("see someone"), std::string::npos);
  EXPECT_FALSE(store_->find_reminder(user).value().has_value());
  now_ = utc(2024_y / 4 / 5, hours{8});
  EXPECT_EQ(pass().sent, 0);
}

TEST_F(CheckinSchedulerTest, OtherChannelsGetTheirMessagesThroughTheOutboxPresenter) {
  const auto user = person_with_reminder("9:00");
  auto r = store_->find_reminder(user).value().value();
  r.channel = "telegram";
  ASSERT_TRUE(store_->put_reminder(r, now_).has_value());
  now_ = r.next_due_ms;
  EXPECT_EQ(pass().sent, 1);
  EXPECT_EQ(sink_.delivered.back().channel, "telegram");
}

// A reminder set on Telegram for a person whose chat sent /stop: no check-in turn (their
// conversation is not moved to the check-in's question), the day is passed over, and
// the reminder comes again the next day, should they /start again.
TEST_F(CheckinSchedulerTest, ACheckInNobodyMayBeToldIsPassedOverWithoutATurn) {
  const auto user = person_with_reminder("9:00");
  auto r = store_->find_reminder(user).value().value();
  r.channel = "telegram";
  ASSERT_TRUE(store_->put_reminder(r, now_).has_value());
  sink_.unreachable = "telegram";
  now_ = r.next_due_ms;
  const auto p = pass();
  EXPECT_EQ(p.sent, 0);
  EXPECT_EQ(p.moved, 1);
  EXPECT_EQ(delivered(), 0u);
  EXPECT_EQ(store_->load_conversation(user)->turns, 12) << "no check-in turn";
  const auto next = store_->find_reminder(user).value().value();
  EXPECT_EQ(next.next_due_ms, utc(2024_y / 4 / 1, hours{8}));
  EXPECT_FALSE(next.last_sent_ms.has_value());
}

TEST_F(CheckinSchedulerTest, StopRemindersInTheChatEndsThem) {
  const auto user = person_with_reminder("9:00");
  say(user, "stop reminders");
  EXPECT_FALSE(store_->find_reminder(user).value().has_value());
  now_ = utc(2024_y / 3 / 31, hours{8});
  EXPECT_EQ(pass().sent, 0);
}

}  // namespace
}  // namespace backcoach::coach
