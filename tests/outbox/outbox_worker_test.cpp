#include "outbox/outbox_worker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <deque>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace backcoach::outbox {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kT0 = 1714564800000;

// Records every send; answers each with the next scripted outcome, or holds it
// for the test to answer (answer_next) when the script is empty.
class FakeDeliverer final : public Deliverer {
 public:
  void deliver(const store::QueuedMessage& m, Done done) override {
    std::unique_lock lock(mu_);
    sent_.push_back(m.message.payload.at("text").get<std::string>());
    if (script_.empty()) {
      held_.push_back(std::move(done));
      return;
    }
    Delivery d = script_.front();
    script_.pop_front();
    lock.unlock();
    done(d);
  }
  void script(std::vector<Delivery> outcomes) {
    std::lock_guard lock(mu_);
    script_.insert(script_.end(), outcomes.begin(), outcomes.end());
  }
  void always(Delivery d, int times) { script(std::vector<Delivery>(times, d)); }
  // Answers the oldest held send.
  void answer_next(Delivery d) {
    Done done;
    {
      std::lock_guard lock(mu_);
      ASSERT_FALSE(held_.empty());
      done = std::move(held_.front());
      held_.pop_front();
    }
    done(d);
  }
  std::vector<std::string> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  std::size_t held() const {
    std::lock_guard lock(mu_);
    return held_.size();
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> sent_;
  std::deque<Delivery> script_;
  std::deque<Done> held_;
};

class OutboxWorkerTest : public ::testing::Test {
 protected:
  OutboxWorkerTest()
      : log_(std::make_shared<spdlog::logger>(
            "t", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text_))),
        metrics_(registry_) {
    log_.debug("");  // the level is info: debug lines are not kept
  }

  void SetUp() override {
    auto opened = store::SqliteStore::open(":memory:");
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    user_ = store_->create_user(kT0).value();
    options_.retry = {1000ms, 60'000ms, 3'600'000ms};
    options_.concurrency = 4;
    options_.poll_interval = std::chrono::hours(1);  // the tests poll by wake()
  }

  void TearDown() override {
    if (worker_) worker_->stop();
    settle();
    worker_.reset();
    store_->close();
  }

  void start() {
    worker_ = std::make_unique<OutboxWorker>(
        ioc_.get_executor(), ioc_.get_executor(), OutboxWorker::Deps{*store_, metrics_, log_},
        [this] { return now_.load(); }, [] { return 0.5; }, options_);
    worker_->add_deliverer("bot", bot_);
    worker_->start();
    settle();
  }

  // Runs everything that is ready (store calls included) until nothing is left.
  void settle() {
    while (ioc_.poll() > 0) {
    }
    ioc_.restart();
  }
  void poll_at(std::int64_t now) {
    now_ = now;
    worker_->wake();
    settle();
  }

  void queue(const std::string& destination, const std::string& text,
             const std::string& channel = "bot:kiosk") {
    ASSERT_TRUE(store_->enqueue(user_, {{channel, destination, {{"text", text}}}}, now_.load())
                    .has_value());
  }
  // When the message now at the head of `text`'s queue may be tried again.
  std::int64_t not_before_of(const std::string& text) {
    for (const auto& m : store_->due(kT0 + 1'000'000'000, 100).value()) {
      if (m.message.payload.at("text") == text) return m.not_before_ms;
    }
    ADD_FAILURE() << text << " is not at the head of a queue";
    return 0;
  }

  boost::asio::io_context ioc_;
  std::ostringstream log_text_;
  service::EventLog log_;
  service::Registry registry_;
  service::DaemonMetrics metrics_;
  std::unique_ptr<store::SqliteStore> store_;
  std::string user_;
  std::atomic<std::int64_t> now_{kT0};
  OutboxWorker::Options options_;
  FakeDeliverer bot_;
  std::unique_ptr<OutboxWorker> worker_;
};

TEST_F(OutboxWorkerTest, EachDestinationGetsItsMessagesInOrderOneAtATime) {
  queue("alice", "a1");
  queue("alice", "a2");
  queue("bob", "b1");
  queue("alice", "a3");
  start();
  EXPECT_THAT(bot_.sent(), ElementsAre("a1", "b1"));  // alice's second waits for her first
  bot_.answer_next(Delivery::sent());                 // a1
  settle();
  EXPECT_THAT(bot_.sent(), ElementsAre("a1", "b1", "a2"));
  bot_.answer_next(Delivery::retry("http 503"));  // b1 fails: bob waits, alice does not
  bot_.answer_next(Delivery::sent());             // a2
  settle();
  EXPECT_THAT(bot_.sent(), ElementsAre("a1", "b1", "a2", "a3"));
  bot_.always(Delivery::sent(), 2);
  bot_.answer_next(Delivery::sent());  // a3
  poll_at(not_before_of("b1"));
  EXPECT_THAT(bot_.sent(), ElementsAre("a1", "b1", "a2", "a3", "b1"));
  EXPECT_EQ(store_->depth()->queued, 0);
  EXPECT_EQ(metrics_.outbox_sent("bot:kiosk").value(), 4u);
  EXPECT_EQ(metrics_.outbox_retried("bot:kiosk").value(), 1u);
}

TEST_F(OutboxWorkerTest, AMessageBeingRetriedHoldsBackTheNextOfItsDestination) {
  queue("alice", "a1");
  queue("alice", "a2");
  bot_.always(Delivery::retry("connection refused"), 3);
  start();
  for (int i = 0; i < 2; ++i) poll_at(not_before_of("a1"));
  EXPECT_THAT(bot_.sent(), ElementsAre("a1", "a1", "a1"));  // never a2 meanwhile
  bot_.always(Delivery::sent(), 2);
  poll_at(not_before_of("a1"));
  EXPECT_THAT(bot_.sent(), ElementsAre("a1", "a1", "a1", "a1", "a2"));
}

TEST_F(OutboxWorkerTest, TheWaitBetweenAttemptsGrows) {
  queue("alice", "a1");
  bot_.always(Delivery::retry("http 502"), 8);
  start();
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 7; ++i) {
    const auto next = not_before_of("a1");
    waits.push_back(next - now_.load());
    poll_at(next - 1);  // not yet: nothing is sent early
    EXPECT_EQ(bot_.sent().size(), static_cast<std::size_t>(i + 1));
    poll_at(next);
  }
  // 1 s doubling, three quarters of each (the random source says 0.5), capped at 60 s.
  EXPECT_THAT(waits, ElementsAre(750, 1500, 3000, 6000, 12000, 24000, 45000));
}

TEST_F(OutboxWorkerTest, ARetryAfterIsHonouredEvenWhenLongerThanTheBackoff) {
  queue("alice", "a1");
  bot_.script({Delivery::retry("http 429", 120s), Delivery::sent()});
  start();
  const auto asked = now_.load();
  EXPECT_EQ(not_before_of("a1"), asked + 120'000);
  poll_at(asked + 119'999);
  EXPECT_EQ(bot_.sent().size(), 1u);
  poll_at(asked + 120'000);
  EXPECT_EQ(bot_.sent().size(), 2u);
  EXPECT_EQ(store_->depth()->queued, 0);
}

TEST_F(OutboxWorkerTest, AMessageStillFailingPastTheBoundIsGivenUpCountedAndLogged) {
  options_.retry.give_up_after = 10'000ms;
  queue("alice", "the secret words");
  queue("alice", "next");
  bot_.always(Delivery::retry("http 503"), 5);
  start();
  while (store_->depth()->queued == 2 && bot_.sent().size() < 10) {
    poll_at(not_before_of("the secret words"));
  }
  // Failed at 0, 0.75, 2.25, 5.25 s: kept; at 11.25 s, past 10 s: given up, and
  // the destination's next message goes on at once.
  EXPECT_THAT(bot_.sent(), ElementsAre("the secret words", "the secret words", "the secret words",
                                       "the secret words", "the secret words", "next"));
  EXPECT_EQ(metrics_.outbox_failed("bot:kiosk").value(), 1u);
  EXPECT_EQ(metrics_.outbox_retried("bot:kiosk").value(), 4u);
  const std::string log = log_text_.str();
  EXPECT_THAT(log, HasSubstr("\"event\":\"outbox_gave_up\""));
  EXPECT_THAT(log, HasSubstr("\"level\":\"warning\""));
  EXPECT_THAT(log, HasSubstr("\"channel\":\"bot:kiosk\""));
  EXPECT_THAT(log, HasSubstr("\"reason\":\"http 503\""));
  EXPECT_THAT(log, HasSubstr("\"id\":1,"));
  EXPECT_THAT(log, Not(HasSubstr("secret words")));
  EXPECT_THAT(log, Not(HasSubstr("alice")));
}

TEST_F(OutboxWorkerTest, AMessageRefusedForGoodIsDroppedAtOnce) {
  queue("alice", "a1");
  queue("alice", "a2");
  bot_.script({Delivery::gone("http 404"), Delivery::sent()});
  start();
  EXPECT_THAT(bot_.sent(), ElementsAre("a1", "a2"));
  EXPECT_EQ(metrics_.outbox_failed("bot:kiosk").value(), 1u);
  EXPECT_EQ(metrics_.outbox_retried("bot:kiosk").value(), 0u);
  EXPECT_EQ(metrics_.outbox_sent("bot:kiosk").value(), 1u);
  EXPECT_THAT(log_text_.str(), HasSubstr("\"reason\":\"http 404\""));
  EXPECT_EQ(store_->depth()->queued, 0);
}

TEST_F(OutboxWorkerTest, NoMoreThanTheConcurrencyAreInFlight) {
  options_.concurrency = 2;
  for (const char* who : {"a", "b", "c", "d", "e"}) queue(who, who);
  start();
  EXPECT_EQ(bot_.held(), 2u);
  EXPECT_EQ(worker_->in_flight(), 2u);
  bot_.answer_next(Delivery::sent());
  settle();
  EXPECT_EQ(bot_.held(), 2u);
  EXPECT_THAT(bot_.sent(), ElementsAre("a", "b", "c"));
}

TEST_F(OutboxWorkerTest, QueueDepthAndTheOldestsAgeAreReported) {
  queue("alice", "a1");
  now_ = kT0 + 30'000;
  queue("bob", "b1");
  now_ = kT0 + 90'000;
  start();  // both held in flight: still queued
  EXPECT_EQ(metrics_.outbox_queue_depth().value(), 2);
  EXPECT_EQ(metrics_.outbox_oldest_age_seconds().value(), 90);
  bot_.answer_next(Delivery::sent());
  bot_.answer_next(Delivery::sent());
  settle();
  EXPECT_EQ(metrics_.outbox_queue_depth().value(), 0);
  EXPECT_EQ(metrics_.outbox_oldest_age_seconds().value(), 0);
}

TEST_F(OutboxWorkerTest, AChannelIsServedByItsOwnDelivererElseByItsKind) {
  FakeDeliverer clinic;
  queue("alice", "to kiosk");
  queue("alice", "to clinic", "bot:clinic");
  queue("alice", "to telegram", "telegram");
  worker_ = std::make_unique<OutboxWorker>(
      ioc_.get_executor(), ioc_.get_executor(), OutboxWorker::Deps{*store_, metrics_, log_},
      [this] { return now_.load(); }, [] { return 0.5; }, options_);
  worker_->add_deliverer("bot", bot_);
  worker_->add_deliverer("bot:clinic", clinic);
  worker_->start();
  settle();
  EXPECT_THAT(bot_.sent(), ElementsAre("to kiosk"));
  EXPECT_THAT(clinic.sent(), ElementsAre("to clinic"));
  // Nothing sends to Telegram here: that message waits, and is tried again later.
  EXPECT_EQ(metrics_.outbox_retried("telegram").value(), 1u);
  EXPECT_EQ(store_->depth()->queued, 3);
}

TEST_F(OutboxWorkerTest, AfterStopNoSendStartsAndTheOneInFlightIsRecorded) {
  queue("alice", "a1");
  queue("alice", "a2");
  queue("bob", "b1");
  options_.concurrency = 1;
  start();
  ASSERT_EQ(bot_.held(), 1u);
  worker_->stop();
  bot_.answer_next(Delivery::sent());  // the send in flight finishes
  settle();
  poll_at(now_.load() + 60'000);
  EXPECT_THAT(bot_.sent(), ElementsAre("a1"));
  EXPECT_EQ(store_->depth()->queued, 2);  // a1 was recorded as sent
  EXPECT_EQ(metrics_.outbox_sent("bot:kiosk").value(), 1u);
}

}  // namespace
}  // namespace backcoach::outbox
