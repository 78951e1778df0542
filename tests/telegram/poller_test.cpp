#include "telegram/poller.h"

#include <gmock/gmock.h>

#include "channel_harness.h"

namespace backcoach::telegram {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class PollerTest : public testing::ChannelHarness {
 protected:
  void TearDown() override {
    if (poller_) poller_->stop();
    ChannelHarness::TearDown();
  }

  void start_poller() {
    Poller::Options options;
    options.timeout = 1s;
    options.first_pause = 50ms;
    poller_ = std::make_unique<Poller>(Poller::Deps{*api_, *store_, *queue_, ioc_.get_executor(),
                                                    pool_.get_executor(), clock(), log_, counters_},
                                       options);
    poller_->start();
  }

  // Waits until the person of `chat` has `turns` turns.
  bool turns_reach(std::int64_t chat, std::int64_t turns) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
      auto user = store_->find_identity({"telegram", std::to_string(chat)});
      if (user && *user && store_->load_conversation(**user)->turns >= turns) {
        settle();
        return true;
      }
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  std::int64_t turns_of(std::int64_t chat) {
    const auto user = store_->find_identity({"telegram", std::to_string(chat)}).value();
    return user ? store_->load_conversation(*user)->turns : 0;
  }

  json fake_message(std::int64_t chat, const std::string& text) {
    auto u = text_update(chat, text);
    u.erase("update_id");  // the fake numbers them
    return u;
  }

  std::unique_ptr<Poller> poller_;
};

TEST_F(PollerTest, ReceivesRecordsAndConfirmsWithTheOffset) {
  const auto ids = fake_->queue_updates(json::array({fake_message(60, "my lower back")}));
  const std::int64_t id = ids["update_ids"][0];
  start_poller();
  ASSERT_TRUE(turns_reach(60, 1));
  EXPECT_EQ(store_->polling_offset(api_->bot_id()).value(), id + 1);
  const auto polls = fake_->calls("getUpdates", 2, 5);
  ASSERT_GE(polls.size(), 2u);
  EXPECT_EQ(polls[0]["params"]["offset"], 0);
  EXPECT_EQ(polls[1]["params"]["offset"], id + 1);
  EXPECT_EQ(polls[1]["params"]["timeout"], 1);
  EXPECT_EQ(polls[1]["params"]["allowed_updates"], json({"message", "callback_query"}));
  EXPECT_TRUE(store_->pending_updates(api_->bot_id())->empty());
}

// The daemon died after recording a batch and before handling it: the restart handles it,
// and Telegram's copy (not yet confirmed) is not handled a second time.
TEST_F(PollerTest, WhatWasRecordedBeforeACrashIsHandledOnceAfterIt) {
  const auto ids = fake_->queue_updates(json::array({fake_message(61, "my lower back")}));
  const std::int64_t id = ids["update_ids"][0];
  auto update = text_update(61, "my lower back");
  update["update_id"] = id;
  ASSERT_TRUE(store_->receive_updates(api_->bot_id(), {{id, update}}, std::nullopt, now()));
  start_poller();
  ASSERT_TRUE(turns_reach(61, 1));
  fake_->calls("getUpdates", 2, 5);  // a second poll: the first answer was recorded
  settle();
  EXPECT_EQ(turns_of(61), 1);
  EXPECT_EQ(store_->polling_offset(api_->bot_id()).value(), id + 1);
}

TEST_F(PollerTest, AFailedPollIsTriedAgainAfterAPauseAndTelegramsWait) {
  fake_->post("/faults", {{"method", "getUpdates"}, {"status", 502}, {"raw", "<html/>"}});
  fake_->post("/faults", {{"method", "getUpdates"}, {"status", 429}, {"retry_after", 1}});
  fake_->queue_updates(json::array({fake_message(62, "my lower back")}));
  start_poller();
  ASSERT_TRUE(turns_reach(62, 1));
  const auto polls = fake_->calls("getUpdates");
  ASSERT_GE(polls.size(), 3u);
  EXPECT_EQ(polls[0]["status"], 502);
  EXPECT_EQ(polls[1]["status"], 429);
  EXPECT_GE(polls[2]["at"].get<double>() - polls[1]["at"].get<double>(), 0.95)
      << "the 429's retry_after was not honoured";
}

}  // namespace
}  // namespace backcoach::telegram
