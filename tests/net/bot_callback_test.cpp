#include "net/bot_callback.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <optional>

#include "callback_receiver.h"
#include "outbound/outbound_error.h"

namespace backcoach::net {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using outbox::Delivery;

const std::string kKey(32, 'k');
constexpr std::int64_t kNowSeconds = 1714564800;

service::TurnReply checkin_reply() {
  service::TurnReply reply;
  reply.messages = {{"Daily check-in: how is your back today?", {"Better", "Worse"}, {}}};
  reply.tier = "self_care";
  reply.flags = {};
  reply.exercises = {"knee_to_chest"};
  return reply;
}

TEST(BotCallbackPresenter, OwesTheBotOneCallbackShapedAsTheBotApisAnswer) {
  const auto owed = bot_callback_presenter("kiosk", "alice-17", "checkin_due")(checkin_reply());
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].channel, "bot:kiosk");
  EXPECT_EQ(owed[0].destination, "alice-17");
  EXPECT_EQ(owed[0].payload, json::parse(R"({"user": "alice-17", "event": "checkin_due",
                            "replies": [{"text": "Daily check-in: how is your back today?",
                                         "quick_replies": ["Better", "Worse"]}],
                            "tier": "self_care", "flags": [], "exercises": ["knee_to_chest"]})"));
}

struct Case {
  unsigned status;
  std::string retry_after;
  Delivery::Outcome outcome;
  std::optional<std::chrono::seconds> after;
};

TEST(BotCallbackDeliverer, EachAnswerIsSentRetriedOrGone) {
  using O = Delivery::Outcome;
  const Case cases[] = {
      {200, "", O::sent, {}},       {204, "", O::sent, {}},
      {429, "30", O::retry, 30s},   {429, "", O::retry, {}},
      {503, "120", O::retry, 120s}, {503, "Wed, 21 Oct 2015 07:28:00 GMT", O::retry, {}},
      {500, "", O::retry, {}},      {502, "", O::retry, {}},
      {408, "", O::retry, {}},      {400, "", O::gone, {}},
      {401, "", O::gone, {}},       {404, "", O::gone, {}},
      {410, "", O::gone, {}},       {301, "", O::gone, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.status);
    outbound::Response response;
    response.status = c.status;
    response.retry_after = c.retry_after;
    const auto d = BotCallbackDeliverer::classify({}, response);
    EXPECT_EQ(d.outcome, c.outcome);
    EXPECT_EQ(d.retry_after, c.after);
    if (c.outcome != O::sent) {
      EXPECT_EQ(d.reason, "http " + std::to_string(c.status));
    }
  }
  // No answer at all: tried again.
  const auto timeout = BotCallbackDeliverer::classify(outbound::error::timeout, {});
  EXPECT_EQ(timeout.outcome, O::retry);
  EXPECT_FALSE(timeout.reason.empty());
}

class BotCallbackDelivererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(receiver_.start(), 0);
    auto client = outbound::HttpsClient::create(ioc_.get_executor(), {});
    ASSERT_TRUE(client.has_value());
    client_ = std::move(*client);
    deliverer_ = std::make_unique<BotCallbackDeliverer>(
        *client_,
        std::vector<BotCallbackDeliverer::Bot>{{"kiosk", kKey, receiver_.url()},
                                               {"quiet", kKey, ""}},
        [] { return kNowSeconds; });
  }

  Delivery deliver(const store::QueuedMessage& m) {
    std::optional<Delivery> out;
    deliverer_->deliver(m, [&](Delivery d) { out = std::move(d); });
    while (!out && ioc_.run_one_for(10s) > 0) {
    }
    ioc_.restart();
    EXPECT_TRUE(out.has_value());
    return out.value_or(Delivery::retry("no answer"));
  }

  static store::QueuedMessage queued(std::string channel = "bot:kiosk") {
    store::QueuedMessage m;
    m.id = 42;
    m.message = bot_callback_presenter("kiosk", "alice-17", "checkin_due")(checkin_reply())[0];
    m.message.channel = std::move(channel);
    return m;
  }

  testing::CallbackReceiver receiver_{kKey};
  boost::asio::io_context ioc_;
  std::unique_ptr<outbound::HttpsClient> client_;
  std::unique_ptr<BotCallbackDeliverer> deliverer_;
};

TEST_F(BotCallbackDelivererTest, PostsTheMessageSignedWithTheBotsKeyAndItsIdempotencyKey) {
  const auto d = deliver(queued());
  EXPECT_EQ(d.outcome, Delivery::Outcome::sent);
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target, "/hook");
  EXPECT_EQ(got[0].content_type, "application/json");
  EXPECT_EQ(got[0].timestamp, std::to_string(kNowSeconds));
  EXPECT_TRUE(got[0].signature_ok) << got[0].signature;
  EXPECT_EQ(got[0].idempotency_key, "42");
  const auto body = json::parse(got[0].body);
  EXPECT_EQ(body.at("id"), "42");
  EXPECT_EQ(body.at("bot"), "kiosk");
  EXPECT_EQ(body.at("user"), "alice-17");
  EXPECT_EQ(body.at("event"), "checkin_due");
  EXPECT_EQ(body.at("replies").at(0).at("quick_replies"), json({"Better", "Worse"}));
}

TEST_F(BotCallbackDelivererTest, ABusyReceiversRetryAfterComesBack) {
  receiver_.answer_with({{429, "7", false}});
  const auto d = deliver(queued());
  EXPECT_EQ(d.outcome, Delivery::Outcome::retry);
  EXPECT_EQ(d.retry_after, 7s);
  EXPECT_EQ(d.reason, "http 429");
}

TEST_F(BotCallbackDelivererTest, AReceiverThatIsDownIsTriedAgainLater) {
  receiver_.stop();
  const auto d = deliver(queued());
  EXPECT_EQ(d.outcome, Delivery::Outcome::retry);
  EXPECT_THAT(d.reason, ::testing::HasSubstr("refused"));
}

TEST_F(BotCallbackDelivererTest, ABotWithoutACallbackUrlIsNotCalledAndItsMessageWaits) {
  for (const char* channel : {"bot:quiet", "bot:unknown"}) {
    SCOPED_TRACE(channel);
    EXPECT_EQ(deliver(queued(channel)).outcome, Delivery::Outcome::retry);
  }
  EXPECT_TRUE(receiver_.received().empty());
}

}  // namespace
}  // namespace backcoach::net
