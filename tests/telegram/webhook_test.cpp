// The webhook and the widget's link routes, through the daemon's route table, over the
// real service and store (the update queue handles what the webhook records).
#include "telegram/webhook.h"

#include <gmock/gmock.h>

#include "channel_harness.h"
#include "net/http_api.h"
#include "telegram/link_api.h"

namespace backcoach::telegram {
namespace {

using nlohmann::json;
namespace http = net::http;

constexpr char kSecret[] = "s3cret-Token_ok";

class WebhookTest : public testing::ChannelHarness {
 protected:
  void SetUp() override {
    ChannelHarness::SetUp();
    if (HasFatalFailure()) return;
    http_ = std::make_unique<net::HttpApi>(
        net::HttpApi::Deps{*service_, metrics_, origins_, draining_}, nullptr);
    webhook_ =
        std::make_unique<Webhook>(Webhook::Deps{*store_, *queue_, api_->bot_id(),
                                                pool_.get_executor(), clock(), log_, counters_},
                                  kSecret);
    webhook_->add_routes(http_->routes());
    links_ = std::make_unique<LinkApi>(LinkApi::Deps{*service_, *store_, bot_name_, origins_,
                                                     pool_.get_executor(), clock(), log_});
    links_->add_routes(http_->routes());
  }

  net::Response call(http::verb method, const std::string& target, std::string body,
                     std::map<std::string, std::string> headers = {}) {
    net::Request req{method, target, 11};
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = std::move(body);
    req.prepare_payload();
    std::promise<net::Response> p;
    auto f = p.get_future();
    http_->handle(req, [&p](net::Response res) { p.set_value(std::move(res)); });
    return wait(f);
  }

  net::Response post_update(const std::string& body, const std::string& secret = kSecret) {
    return call(
        http::verb::post, "/v1/telegram/webhook", body,
        {{"X-Telegram-Bot-Api-Secret-Token", secret}, {"Content-Type", "application/json"}});
  }

  std::int64_t turns() { return store_->stats()->turns; }

  net::OriginPolicy origins_{{"https://clinic.example"}};
  std::atomic<bool> draining_{false};
  BotName bot_name_;
  std::unique_ptr<net::HttpApi> http_;
  std::unique_ptr<Webhook> webhook_;
  std::unique_ptr<LinkApi> links_;
};

TEST_F(WebhookTest, AGenuineUpdateIsRecordedAnsweredAndThenHandledOnce) {
  const auto update = text_update(70, "my lower back").dump();
  const auto res = post_update(update);
  EXPECT_EQ(res.result(), http::status::ok);
  settle();
  EXPECT_EQ(turns(), 1);
  EXPECT_EQ(post_update(update).result(), http::status::ok) << "Telegram sent it again";
  settle();
  EXPECT_EQ(turns(), 1);
  pump();
  EXPECT_EQ(sent_texts().back(), "How old are you?");
  EXPECT_EQ(counters_.received.value(), 1u);
  EXPECT_EQ(counters_.repeated.value(), 1u);
  EXPECT_EQ(counters_.handled.value(), 1u);
}

TEST_F(WebhookTest, AWrongOrMissingSecretIs401AndNothingIsRecorded) {
  const auto update = text_update(71, "my lower back").dump();
  for (const std::string secret : {"", "s3cret-Token_o", "s3cret-Token_ok2", "S3CRET-TOKEN_OK"}) {
    const auto res = post_update(update, secret);
    EXPECT_EQ(res.result(), http::status::unauthorized) << secret;
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
  }
  const auto unsigned_res = call(http::verb::post, "/v1/telegram/webhook", update);
  EXPECT_EQ(unsigned_res.result(), http::status::unauthorized);
  settle();
  EXPECT_EQ(turns(), 0);
  EXPECT_TRUE(store_->pending_updates(api_->bot_id())->empty());
}

TEST_F(WebhookTest, BadBodiesAreClear400sAndNothingIsStored) {
  const char* bodies[] = {
      "",
      "not json",
      "[1,2]",
      "{\"update_id\": \"7\"}",
      "{\"message\": {}}",
      "{\"update_id\": 7, \"message\": {\"text\": \"hi\"}}",
      "{\"update_id\": 7, \"message\": {\"message_id\": 1, \"chat\": {\"id\": \"x\"}}}",
      "{\"update_id\": 7, \"callback_query\": {\"data\": \"q:Yes\"}}",
      "{\"update_id\": 7, \"message\": \"\xff\xfe\"}"};
  for (const char* body : bodies) {
    const auto res = post_update(body);
    EXPECT_EQ(res.result(), http::status::bad_request) << body;
    EXPECT_EQ(json::parse(res.body())["status"], 400) << body;
  }
  settle();
  EXPECT_EQ(turns(), 0);
  EXPECT_EQ(store_->stats()->users, 0);
}

TEST_F(WebhookTest, AnUpdateKindWeDoNotReadIs200AndIgnored) {
  const auto res = post_update(R"({"update_id": 8, "edited_message": {"message_id": 1}})");
  EXPECT_EQ(res.result(), http::status::ok);
  settle();
  EXPECT_EQ(store_->stats()->users, 0);
  EXPECT_EQ(call(http::verb::get, "/v1/telegram/webhook", "").result(),
            http::status::method_not_allowed);
}

TEST_F(WebhookTest, TheWidgetGetsAOneTimeLinkForItsPerson) {
  const auto person = *store_->create_user(now());
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + signer_.sign(person)},
                                                {"Origin", "https://clinic.example"}};
  EXPECT_EQ(call(http::verb::get, "/v1/telegram", "").result(), http::status::service_unavailable);
  EXPECT_EQ(call(http::verb::post, "/v1/telegram/link", "", auth).result(),
            http::status::service_unavailable)
      << "the bot's name is not known yet";
  bot_name_.set("fake_bot");
  const auto info = call(http::verb::get, "/v1/telegram", "");
  EXPECT_EQ(json::parse(info.body())["url"], "https://t.me/fake_bot");

  const auto res = call(http::verb::post, "/v1/telegram/link", "", auth);
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::access_control_allow_origin], "https://clinic.example");
  EXPECT_EQ(res[http::field::cache_control], "no-store");
  const auto body = json::parse(res.body());
  EXPECT_EQ(body["expires_in"], 600);
  const std::string url = body["url"];
  const std::string prefix = "https://t.me/fake_bot?start=";
  ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
  const auto code = url.substr(prefix.size());
  EXPECT_EQ(code.size(), 22u);
  EXPECT_NE(call(http::verb::post, "/v1/telegram/link", "", auth).body(), res.body())
      << "each link is new";

  EXPECT_EQ(post_update(text_update(72, "/start " + code).dump()).result(), http::status::ok);
  settle();
  EXPECT_EQ(store_->find_identity({"telegram", "72"}).value(), person);
}

TEST_F(WebhookTest, ALinkNeedsTheWidgetsTokenAndAnAllowedPageMayAsk) {
  bot_name_.set("fake_bot");
  const auto anonymous = call(http::verb::post, "/v1/telegram/link", "");
  EXPECT_EQ(anonymous.result(), http::status::unauthorized);
  EXPECT_EQ(anonymous[http::field::www_authenticate], "Bearer");
  EXPECT_EQ(call(http::verb::post, "/v1/telegram/link", "",
                 {{"Authorization", "Bearer someone.Zm9yZ2Vk"}})
                .result(),
            http::status::unauthorized);
  const auto erased = *store_->create_user(now());
  ASSERT_TRUE(store_->erase_user(erased).value());
  EXPECT_EQ(call(http::verb::post, "/v1/telegram/link", "",
                 {{"Authorization", "Bearer " + signer_.sign(erased)}})
                .result(),
            http::status::not_found);
  const auto preflight =
      call(http::verb::options, "/v1/telegram/link", "",
           {{"Origin", "https://clinic.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.result(), http::status::no_content);
  EXPECT_THAT(std::string(preflight[http::field::access_control_allow_methods]),
              ::testing::HasSubstr("POST"));
}

}  // namespace
}  // namespace backcoach::telegram
