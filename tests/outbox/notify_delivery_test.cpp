// A check-in started by the daemon reaches a bot's callback, signed: Notifier ->
// ConversationService (the turn and its owed message in one commit) -> the store's
// outbox -> OutboxWorker (woken by the commit) -> BotCallbackDeliverer -> HTTP on
// loopback. Everything real except the bot, which is the test's receiver.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <thread>

#include "callback_receiver.h"
#include "dialogue/rule_set.h"
#include "net/bot_callback.h"
#include "outbox/outbox_worker.h"
#include "service/conversation_service.h"
#include "service/notifier.h"
#include "store/sqlite_store.h"

namespace backcoach {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string kKey(32, 'k');

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class NotifyDeliveryTest : public ::testing::Test {
 protected:
  NotifyDeliveryTest()
      : work_(ioc_.get_executor()),
        log_(
            std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>())),
        metrics_(registry_),
        signer_(std::string(32, 's')) {}

  void SetUp() override {
    ASSERT_NE(receiver_.start(), 0);
    auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                          std::string(BACKCOACH_SOURCE_DIR) + "/intents");
    ASSERT_TRUE(loaded.ok());
    rules_ = std::make_unique<service::RulesHolder>(loaded.rules);
    store::SqliteOptions options;
    options.on_outbox_queued = [this] { worker_->wake(); };
    store_ = std::move(store::SqliteStore::open(":memory:", options).value());
    client_ = std::move(outbound::HttpsClient::create(ioc_.get_executor(), {}).value());
    deliverer_ = std::make_unique<net::BotCallbackDeliverer>(
        *client_, std::vector<net::BotCallbackDeliverer::Bot>{{"kiosk", kKey, receiver_.url()}},
        [] { return now_ms() / 1000; });
    outbox::OutboxWorker::Options worker_options;
    worker_options.poll_interval = 1h;  // only the commit's wake-up can send it in time
    worker_ = std::make_unique<outbox::OutboxWorker>(
        ioc_.get_executor(), pool_.get_executor(),
        outbox::OutboxWorker::Deps{*store_, metrics_, log_}, now_ms, [] { return 0.5; },
        worker_options);
    worker_->add_deliverer("bot", *deliverer_);
    service_ = std::make_unique<service::ConversationService>(
        ioc_.get_executor(), pool_.get_executor(), *store_, *store_, *rules_, signer_, metrics_,
        log_, now_ms, service::ConversationService::Options{});
    notifier_ = std::make_unique<service::Notifier>(pool_.get_executor(), *service_, *store_, log_);
    notifier_->add_channel("bot", [](const store::Identity& who, const std::string& event) {
      return net::bot_callback_presenter(who, event);
    });
    io_thread_ = std::thread([this] { ioc_.run(); });
    worker_->start();
  }

  void TearDown() override {
    work_.reset();
    ioc_.stop();
    io_thread_.join();
    worker_->stop();
    pool_.join();
    store_->close();
    receiver_.stop();
  }

  testing::CallbackReceiver receiver_{kKey};
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
  std::unique_ptr<outbound::HttpsClient> client_;
  std::unique_ptr<net::BotCallbackDeliverer> deliverer_;
  std::unique_ptr<outbox::OutboxWorker> worker_;
  std::unique_ptr<service::ConversationService> service_;
  std::unique_ptr<service::Notifier> notifier_;
};

TEST_F(NotifyDeliveryTest, ACheckInArrivesAtTheBotsCallbackSignedWithItsKey) {
  const auto user = store_->resolve_identity({"bot:kiosk", "alice-17"}, now_ms()).value().user_id;
  std::promise<service::ServiceResult<service::Notifier::Notified>> notified;
  notifier_->notify(user, "checkin_due", "checkin_due:2024-05-02",
                    [&](auto r) { notified.set_value(std::move(r)); });
  const auto result = notified.get_future().get();
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->queued, 1u);

  ASSERT_TRUE(receiver_.wait_for(1, 10s));
  const auto got = receiver_.received().at(0);
  EXPECT_TRUE(got.signature_ok);
  const auto body = json::parse(got.body);
  EXPECT_EQ(body.at("bot"), "kiosk");
  EXPECT_EQ(body.at("user"), "alice-17");
  EXPECT_EQ(body.at("event"), "checkin_due");
  EXPECT_EQ(body.at("id"), got.idempotency_key);
  EXPECT_EQ(body.at("replies").back().at("text"), result->reply.messages.back().text);
  EXPECT_EQ(body.at("replies").back().at("quick_replies"),
            json(result->reply.messages.back().quick_replies));
  // Delivered, and so no longer owed.
  for (int i = 0; i < 200 && store_->depth()->queued > 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(store_->depth()->queued, 0);
  EXPECT_EQ(metrics_.outbox_sent("bot:kiosk").value(), 1u);
}

}  // namespace
}  // namespace backcoach
