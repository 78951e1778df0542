#include "service/notifier.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <set>
#include <thread>

#include "dialogue/rule_set.h"
#include "service/conversation_service.h"
#include "store/sqlite_store.h"

namespace backcoach::service {
namespace {

using nlohmann::json;

constexpr std::int64_t kNowMs = 1'700'000'000'000;

// A presenter that owes one message to the identity: its first reply's text.
OutboundPresenter echo_to(const store::Identity& identity, const std::string& event) {
  return [identity, event](const TurnReply& reply) {
    return std::vector<store::OutgoingMessage>{
        {identity.channel,
         identity.external_id,
         {{"event", event}, {"text", reply.messages.at(0).text}}}};
  };
}

class NotifierTest : public ::testing::Test {
 protected:
  NotifierTest()
      : work_(ioc_.get_executor()),
        log_(
            std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>())),
        metrics_(registry_),
        signer_(std::string(32, 's')) {}

  void SetUp() override {
    auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                          std::string(BACKCOACH_SOURCE_DIR) + "/intents");
    ASSERT_TRUE(loaded.ok());
    rules_ = std::make_unique<RulesHolder>(loaded.rules);
    store_ = std::move(store::SqliteStore::open(":memory:").value());
    io_thread_ = std::thread([this] { ioc_.run(); });
    service_ = std::make_unique<ConversationService>(
        ioc_.get_executor(), pool_.get_executor(), *store_, *store_, *rules_, signer_, metrics_,
        log_, [] { return kNowMs; }, ConversationService::Options{});
    notifier_ = std::make_unique<Notifier>(pool_.get_executor(), *service_, *store_, log_);
    notifier_->add_channel("bot", echo_to);
  }

  void TearDown() override {
    work_.reset();
    io_thread_.join();
    pool_.join();
    store_->close();
  }

  ServiceResult<Notifier::Notified> notify(const std::string& user, const std::string& id) {
    std::promise<ServiceResult<Notifier::Notified>> p;
    notifier_->notify(user, "checkin_due", id, [&](auto r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  std::string person(const store::Identity& identity) {
    return store_->resolve_identity(identity, kNowMs).value().user_id;
  }

  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::thread_pool pool_{2};
  std::thread io_thread_;
  EventLog log_;
  Registry registry_;
  DaemonMetrics metrics_;
  TokenSigner signer_;
  std::unique_ptr<RulesHolder> rules_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<ConversationService> service_;
  std::unique_ptr<Notifier> notifier_;
};

TEST_F(NotifierTest, ACheckInIsATurnWhoseReplyIsOwedToThePersonsBot) {
  const auto user = person({"bot:kiosk", "alice-17"});
  const auto notified = notify(user, "checkin_due:2024-05-02");
  ASSERT_TRUE(notified.has_value());
  EXPECT_TRUE(notified->reachable);
  EXPECT_EQ(notified->queued, 1u);
  const std::string question = notified->reply.messages.back().text;
  EXPECT_NE(question.find("How is your back today"), std::string::npos)
      << question;  // the check-in

  const auto owed = store_->due(kNowMs, 10).value();
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].user_id, user);
  EXPECT_EQ(owed[0].message.channel, "bot:kiosk");
  EXPECT_EQ(owed[0].message.destination, "alice-17");
  EXPECT_EQ(owed[0].message.payload.at("event"), "checkin_due");
  // The turn is in the person's conversation, as the event's.
  const auto turn = store_->find_turn(user, "event:checkin_due:2024-05-02").value();
  ASSERT_TRUE(turn.has_value());
  EXPECT_EQ(turn->channel, "event");
  EXPECT_EQ(turn->user_text, "");
}

TEST_F(NotifierTest, TheSameOccurrenceAgainRunsNoTurnAndQueuesNothing) {
  const auto user = person({"bot:kiosk", "alice-17"});
  ASSERT_EQ(notify(user, "checkin_due:2024-05-02")->queued, 1u);
  const auto again = notify(user, "checkin_due:2024-05-02");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->reply.duplicate);
  EXPECT_EQ(again->queued, 0u);
  EXPECT_EQ(store_->depth()->queued, 1);
  EXPECT_EQ(store_->load_conversation(user)->turns, 1);
}

TEST_F(NotifierTest, APersonWithNoChannelToReachIsNotDisturbed) {
  const auto user = store_->create_user(kNowMs).value();  // a widget user
  const auto notified = notify(user, "checkin_due:1");
  ASSERT_TRUE(notified.has_value());
  EXPECT_FALSE(notified->reachable);
  EXPECT_EQ(store_->load_conversation(user)->turns, 0);
  EXPECT_EQ(store_->depth()->queued, 0);
}

TEST_F(NotifierTest, EveryChannelThePersonCanBeReachedOnIsOwedTheReply) {
  const auto user = person({"bot:kiosk", "alice-17"});
  ASSERT_TRUE(store_->link_identity({"bot:clinic", "a-9"}, user, kNowMs).has_value());
  ASSERT_TRUE(store_->link_identity({"sms", "+4400"}, user, kNowMs).has_value());  // none here
  const auto notified = notify(user, "");
  ASSERT_TRUE(notified.has_value());
  EXPECT_EQ(notified->queued, 2u);
  std::set<std::string> channels;
  for (const auto& m : store_->due(kNowMs, 10).value()) channels.insert(m.message.channel);
  EXPECT_EQ(channels, (std::set<std::string>{"bot:kiosk", "bot:clinic"}));
}

// A channel's factory may say "not now" (a Telegram chat that sent /stop): that
// identity is owed nothing, the person's other channels still are, and a person with
// only such channels is not reachable at all.
TEST_F(NotifierTest, AChannelThatSaysNotNowIsOwedNothing) {
  notifier_->add_channel("telegram", [](const store::Identity& who, const std::string& event) {
    return who.external_id == "stopped" ? OutboundPresenter{} : echo_to(who, event);
  });
  const auto stopped = person({"telegram", "stopped"});
  auto owed = notifier_->presenter_for(stopped, "checkin_due");
  ASSERT_TRUE(owed.has_value());
  EXPECT_FALSE(*owed);
  EXPECT_FALSE(notify(stopped, "checkin_due:1")->reachable);

  ASSERT_TRUE(store_->link_identity({"bot:kiosk", "alice-17"}, stopped, kNowMs).has_value());
  owed = notifier_->presenter_for(stopped, "checkin_due");
  ASSERT_TRUE(owed.has_value() && *owed);
  TurnReply reply;
  reply.messages.emplace_back().text = "How is your back today?";
  const auto rows = (*owed)(reply);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].channel, "bot:kiosk");
}

// A person channel (Web Push) is asked with the person's id, not an identity: a widget
// user with a browser that allowed notifications is reachable through it alone, and a
// person on a bot is owed the reply on both. A widget user with no browser is not.
TEST_F(NotifierTest, APersonChannelReachesPeopleWithoutAnIdentity) {
  notifier_->add_person_channel(
      "webpush", [this](const std::string& user, const std::string&) -> result<OutboundPresenter> {
        auto browsers = store_->subscriptions_of(user);
        if (!browsers) return browsers.error();
        if (browsers->empty()) return OutboundPresenter{};
        return OutboundPresenter([browsers = *browsers](const TurnReply&) {
          std::vector<store::OutgoingMessage> rows;
          for (const auto& b : browsers) {
            rows.push_back({"webpush", b.endpoint, {{"tag", "checkin"}}});
          }
          return rows;
        });
      });
  const auto widget_user = store_->create_user(kNowMs).value();
  ASSERT_TRUE(store_->put_subscription({widget_user, "https://push.test/a", "p", "a"}, kNowMs));
  const auto notified = notify(widget_user, "checkin_due:1");
  ASSERT_TRUE(notified.has_value());
  EXPECT_TRUE(notified->reachable);
  EXPECT_EQ(notified->queued, 1u);
  const auto owed = store_->due(kNowMs, 10).value();
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].message.channel, "webpush");
  EXPECT_EQ(owed[0].message.destination, "https://push.test/a");

  const auto on_bot = person({"bot:kiosk", "alice-17"});
  ASSERT_TRUE(store_->put_subscription({on_bot, "https://push.test/b", "p", "a"}, kNowMs));
  EXPECT_EQ(notify(on_bot, "checkin_due:1")->queued, 2u);

  const auto no_browser = store_->create_user(kNowMs).value();
  EXPECT_FALSE(notify(no_browser, "checkin_due:1")->reachable);
}

// A person channel that cannot read the store makes the whole answer fail (the
// scheduler tries the check-in again), rather than leave that channel out silently.
TEST_F(NotifierTest, APersonChannelThatFailsFailsTheAnswer) {
  notifier_->add_person_channel("webpush", [](const std::string&, const std::string&) {
    return result<OutboundPresenter>(errc::unavailable);
  });
  const auto user = person({"bot:kiosk", "alice-17"});
  const auto owed = notifier_->presenter_for(user, "checkin_due");
  ASSERT_FALSE(owed.has_value());
  EXPECT_EQ(owed.error(), errc::unavailable);
  const auto notified = notify(user, "checkin_due:1");
  ASSERT_TRUE(notified.has_error());
  EXPECT_EQ(notified.error(), ServiceError::not_ready);
  EXPECT_EQ(store_->load_conversation(user)->turns, 0);
}

}  // namespace
}  // namespace backcoach::service
