#include "service/retention_sweeper.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <sstream>
#include <thread>

#include "store/sqlite_store.h"

namespace backcoach::service {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::int64_t kT0 = 1714564800000;  // 2024-05-01T12:00:00Z
constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr int kDays = 30;

class RetentionSweeperTest : public ::testing::Test {
 protected:
  RetentionSweeperTest()
      : store_(store::SqliteStore::open(":memory:").value()),
        logger_(std::make_shared<spdlog::logger>(
            "t", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text_))),
        log_(logger_) {
    logger_->set_pattern("%v");
  }

  ~RetentionSweeperTest() override {
    if (sweeper_) sweeper_->stop();
    work_.reset();
    ioc_.stop();
    if (io_thread_.joinable()) io_thread_.join();
    blocking_.join();
    sweeper_.reset();
  }

  void make_sweeper(int days, std::chrono::milliseconds period = 24h,
                    std::int64_t per_batch = 256) {
    sweeper_ = std::make_unique<RetentionSweeper>(
        ioc_.get_executor(), blocking_.get_executor(), *store_,
        [this] {
          ++sweeps_;  // each sweep reads the clock once
          return now_.load();
        },
        deleted_, log_, RetentionSweeper::Options{days, period, per_batch});
  }
  void run_io() {
    io_thread_ = std::thread([this] { ioc_.run(); });
  }

  // A person who said one thing at `at_ms` (created then too).
  std::string person_active_at(std::int64_t at_ms) {
    const std::string id = store_->create_user(at_ms).value();
    store::TurnRecord t;
    t.user_id = id;
    t.turn_no = 1;
    t.channel = "ws";
    t.user_text = "my back hurts";
    t.state = json::object();
    t.created_at_ms = at_ms;
    std::promise<boost::system::error_code> done;
    store_->append_turn(t, [&](boost::system::error_code ec) { done.set_value(ec); });
    EXPECT_FALSE(done.get_future().get());
    return id;
  }
  bool gone(const std::string& id) {
    return !store_->user_exists(id).value() && store_->export_user(id).error() == errc::not_found;
  }
  // Polls the store (the sweeps run on other threads) for up to two seconds.
  bool becomes_gone(const std::string& id) {
    for (int i = 0; i < 200 && !gone(id); ++i) std::this_thread::sleep_for(10ms);
    return gone(id);
  }

  std::unique_ptr<store::SqliteStore> store_;
  std::ostringstream log_text_;
  std::shared_ptr<spdlog::logger> logger_;
  EventLog log_;
  Counter deleted_;
  std::atomic<std::int64_t> now_{kT0};
  std::atomic<int> sweeps_{0};
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      ioc_.get_executor()};
  boost::asio::thread_pool blocking_{1};
  std::thread io_thread_;
  std::unique_ptr<RetentionSweeper> sweeper_;
};

TEST_F(RetentionSweeperTest, IdlePastTheLimitIsErasedActiveStays) {
  const std::string idle = person_active_at(kT0);
  const std::string active = person_active_at(kT0 + 20 * kDay);
  make_sweeper(kDays);
  now_ = kT0 + 40 * kDay;  // idle 40 days; active 20

  EXPECT_EQ(sweeper_->sweep_now().value(), 1);
  EXPECT_TRUE(gone(idle));
  EXPECT_EQ(store_->load_conversation(active)->turns, 1);
  EXPECT_EQ(deleted_.value(), 1u);
  // The log names how many, never whom or what they wrote.
  const json line = json::parse(log_text_.str());
  EXPECT_EQ(line["event"], "retention_swept");
  EXPECT_EQ(line["deleted"], 1);
  EXPECT_EQ(log_text_.str().find(idle), std::string::npos);
  EXPECT_EQ(log_text_.str().find("back hurts"), std::string::npos);
}

TEST_F(RetentionSweeperTest, ExactlyTheLimitStaysOneMillisecondMoreGoes) {
  const std::string person = person_active_at(kT0);
  make_sweeper(kDays);
  now_ = kT0 + kDays * kDay;
  EXPECT_EQ(sweeper_->sweep_now().value(), 0);
  EXPECT_FALSE(gone(person));
  now_ = kT0 + kDays * kDay + 1;
  EXPECT_EQ(sweeper_->sweep_now().value(), 1);
  EXPECT_TRUE(gone(person));
}

TEST_F(RetentionSweeperTest, ZeroDaysKeepsEveryoneForever) {
  const std::string person = person_active_at(kT0);
  make_sweeper(0);
  now_ = kT0 + 3650 * kDay;
  EXPECT_EQ(sweeper_->sweep_now().value(), 0);
  EXPECT_FALSE(gone(person));
}

TEST_F(RetentionSweeperTest, ManyIdlePeopleGoInSeveralTransactions) {
  for (int i = 0; i < 7; ++i) person_active_at(kT0 + i);
  const std::string active = person_active_at(kT0 + 35 * kDay);
  make_sweeper(kDays, 24h, 3);
  now_ = kT0 + 40 * kDay;
  EXPECT_EQ(sweeper_->sweep_now().value(), 7);
  EXPECT_EQ(deleted_.value(), 7u);
  EXPECT_EQ(store_->stats()->users, 1);
  EXPECT_FALSE(gone(active));
}

TEST_F(RetentionSweeperTest, SweepsAtStartWithoutWaitingAPeriod) {
  const std::string idle = person_active_at(kT0);
  now_ = kT0 + 31 * kDay;
  make_sweeper(kDays, 24h);
  run_io();
  sweeper_->start();
  EXPECT_TRUE(becomes_gone(idle));
}

TEST_F(RetentionSweeperTest, SweepsAgainEachPeriodWithTheClockOfThatMoment) {
  const std::string person = person_active_at(kT0);
  make_sweeper(kDays, 20ms);
  run_io();
  sweeper_->start();
  // Sweeps run, but at day 29 nobody is idle long enough.
  now_ = kT0 + 29 * kDay;
  const int seen = sweeps_.load();
  for (int i = 0; i < 400 && sweeps_ < seen + 3; ++i) std::this_thread::sleep_for(5ms);
  ASSERT_GE(sweeps_.load(), seen + 3);
  EXPECT_FALSE(gone(person));
  now_ = kT0 + 31 * kDay;  // a later sweep, not a restart, erases them
  EXPECT_TRUE(becomes_gone(person));
}

TEST_F(RetentionSweeperTest, AfterStopNothingIsSweptEvenByHandlersStillQueued) {
  const std::string idle = person_active_at(kT0);
  now_ = kT0 + 31 * kDay;
  make_sweeper(kDays);
  sweeper_->start();  // the first sweep is queued on the io_context, not yet run
  sweeper_->stop();
  sweeper_.reset();  // as at teardown: gone before its handlers run
  ioc_.run_for(50ms);
  blocking_.wait();
  EXPECT_FALSE(gone(idle));
  EXPECT_EQ(sweeps_.load(), 0);
}

}  // namespace
}  // namespace backcoach::service
