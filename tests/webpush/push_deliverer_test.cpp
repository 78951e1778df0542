#include "webpush/push_deliverer.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <thread>

#include "callback_receiver.h"
#include "common/base64url.h"
#include "store/sqlite_store.h"

namespace backcoach::webpush {
namespace {

using namespace std::chrono_literals;
using outbox::Delivery;

constexpr std::int64_t kNowMs = 1714564800000;

// The deliverer against a push service on loopback (tests/net/callback_receiver), a
// real store and a real client: what each answer does to the message and to the
// browser's subscription. (Decrypting what it sent is webpush_e2e's part.)
class PushDelivererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(receiver_.start(), 0);
    io_thread_ = std::thread([this] { ioc_.run(); });
    client_ = std::move(*outbound::HttpsClient::create(ioc_.get_executor(), {}));
    store_ = std::move(*store::SqliteStore::open(":memory:"));
    user_ = store_->create_user(kNowMs).value();
    auto browser = EcKey::generate();
    subscription_ = {user_, receiver_.url("/push/1"), base64url_encode(browser->public_point()),
                     base64url_encode(std::string(16, 'a')), kNowMs};
    ASSERT_TRUE(store_->put_subscription(subscription_, kNowMs));
    deliverer_ = std::make_unique<PushDeliverer>(
        *client_, pool_.get_executor(), *store_, vapid_, [] { return kNowMs / 1000; },
        PushDeliverer::Options{"mailto:ops@example.org"});
  }
  void TearDown() override {
    pool_.join();
    work_.reset();
    io_thread_.join();
    store_->close();
  }

  Delivery deliver(const std::string& user) {
    store::QueuedMessage m;
    m.id = 7;
    m.user_id = user;
    m.message =
        notification_messages({subscription_}, "Back coach", "Time for your back check-in")[0];
    std::promise<Delivery> out;
    deliverer_->deliver(m, [&](Delivery d) { out.set_value(std::move(d)); });
    auto f = out.get_future();
    EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
    return f.get();
  }
  bool subscribed() {
    return store_->find_subscription(subscription_.endpoint).value().has_value();
  }

  testing::CallbackReceiver receiver_{"unused"};
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      ioc_.get_executor()};
  std::thread io_thread_;
  boost::asio::thread_pool pool_{1};
  std::unique_ptr<outbound::HttpsClient> client_;
  std::unique_ptr<store::SqliteStore> store_;
  EcKey vapid_ = std::move(*EcKey::generate());
  std::string user_;
  store::PushSubscription subscription_;
  std::unique_ptr<PushDeliverer> deliverer_;
};

TEST_F(PushDelivererTest, TheNotificationIsOneEncryptedRecordPostedToTheEndpoint) {
  receiver_.answer_with({{201, "", false}});
  EXPECT_EQ(deliver(user_).outcome, Delivery::Outcome::sent);
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target, "/push/1");
  EXPECT_EQ(got[0].content_type, "application/octet-stream");
  const std::string plain =
      R"({"body":"Time for your back check-in","tag":"checkin","title":"Back coach"})";
  EXPECT_EQ(got[0].body.size(), 86 + plain.size() + 1 + 16);   // header, text, delimiter, tag
  EXPECT_EQ(got[0].body.find("check-in"), std::string::npos);  // not in the clear
  EXPECT_TRUE(subscribed());
}

TEST_F(PushDelivererTest, AGoneBrowserIsForgottenABusyServiceIsTriedAgain) {
  const struct {
    unsigned status;
    const char* retry_after;
    Delivery::Outcome outcome;
    bool still_subscribed;
  } cases[] = {
      {202, "", Delivery::Outcome::sent, true},  {429, "30", Delivery::Outcome::retry, true},
      {503, "", Delivery::Outcome::retry, true}, {403, "", Delivery::Outcome::gone, true},
      {413, "", Delivery::Outcome::gone, true},  {404, "", Delivery::Outcome::gone, false},
      {410, "", Delivery::Outcome::gone, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    ASSERT_TRUE(store_->put_subscription(subscription_, kNowMs));
    receiver_.answer_with({{c.status, c.retry_after, false}});
    const auto d = deliver(user_);
    EXPECT_EQ(d.outcome, c.outcome);
    if (c.status == 429) {
      EXPECT_EQ(d.retry_after, 30s);
    }
    EXPECT_EQ(subscribed(), c.still_subscribed);
  }
}

TEST_F(PushDelivererTest, ABrowserUnsubscribedOrNowSomeoneElsesGetsNothing) {
  const auto other = store_->create_user(kNowMs).value();
  EXPECT_EQ(deliver(other).outcome, Delivery::Outcome::gone);  // the row's person is not the owner
  ASSERT_EQ(store_->delete_subscriptions(user_, "").value(), 1);
  EXPECT_EQ(deliver(user_).outcome, Delivery::Outcome::gone);
  EXPECT_TRUE(receiver_.received().empty());
}

}  // namespace
}  // namespace backcoach::webpush
