#include "net/push_api.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/thread_pool.hpp>

#include "me_routes_fixture.h"

namespace backcoach::net {
namespace {

using nlohmann::json;

// A browser's PushSubscription as PushManager.subscribe() gives it (the keys of
// RFC 8291's example: a real P-256 point and a 16-byte secret).
json subscription(const std::string& endpoint = "https://push.example.net/send/abc") {
  return {
      {"endpoint", endpoint},
      {"expirationTime", nullptr},
      {"keys",
       {{"p256dh",
         "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"},
        {"auth", "BTBZMqHH6r4Tts7J_aSIgg"}}}};
}

// The push routes over a real store and Subscriptions, as the widget calls them.
class PushApiTest : public testing::MeRoutesTest {
 protected:
  void SetUp() override {
    MeRoutesTest::SetUp();
    // Each registration a millisecond after the last, so "oldest" is well defined.
    subscriptions_ = std::make_unique<webpush::Subscriptions>(
        pool_.get_executor(), *store_, [this] { return kNowMs + ticks_.fetch_add(1); });
    api_ = std::make_unique<PushApi>(chat_, *subscriptions_, "BPublicKeyOfTheDaemon");
    api_->add_routes(router_, origins_);
  }

  std::unique_ptr<webpush::Subscriptions> subscriptions_;
  std::unique_ptr<PushApi> api_;
  std::atomic<std::int64_t> ticks_{0};
};

TEST_F(PushApiTest, TheServerKeyNeedsNoTokenAndAnyAllowedPageMayReadIt) {
  const auto res = call(http::verb::get, "/v1/push/key", "", kPage, false);
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(json::parse(res.body()), json({{"public_key", "BPublicKeyOfTheDaemon"}}));
  EXPECT_EQ(res[http::field::access_control_allow_origin], kPage);
}

TEST_F(PushApiTest, ASubscriptionIsStoredForTheTokensPersonAndRemovedOnRequest) {
  const auto made = call(http::verb::post, "/v1/me/push", subscription().dump());
  ASSERT_EQ(made.result(), http::status::created) << made.body();
  EXPECT_EQ(json::parse(made.body())["endpoint"], "https://push.example.net/send/abc");
  ASSERT_EQ(store_->subscriptions_of(user_).value().size(), 1u);
  EXPECT_EQ(store_->subscriptions_of(user_).value()[0].auth, "BTBZMqHH6r4Tts7J_aSIgg");
  ASSERT_EQ(call(http::verb::post, "/v1/me/push", subscription("https://push.example.net/2").dump())
                .result(),
            http::status::created);
  const json one = {{"endpoint", "https://push.example.net/send/abc"}};
  EXPECT_EQ(call(http::verb::delete_, "/v1/me/push", one.dump()).result(),
            http::status::no_content);
  EXPECT_EQ(call(http::verb::delete_, "/v1/me/push", one.dump()).result(), http::status::not_found);
  EXPECT_EQ(store_->subscriptions_of(user_).value().size(), 1u);
  EXPECT_EQ(call(http::verb::delete_, "/v1/me/push").result(), http::status::no_content);  // all
  EXPECT_TRUE(store_->subscriptions_of(user_).value().empty());
}

TEST_F(PushApiTest, WhatIsNotASecurePushSubscriptionIs400AndNothingIsStored) {
  auto no_keys = subscription();
  no_keys.erase("keys");
  auto off_curve = subscription();
  off_curve["keys"]["p256dh"] =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAjw4";
  auto short_auth = subscription();
  short_auth["keys"]["auth"] = "BTBZMqHH6r4Tts7J_aSI";
  const std::string cases[] = {"not json",
                               "[]",
                               no_keys.dump(),
                               off_curve.dump(),
                               short_auth.dump(),
                               subscription("/relative").dump(),
                               subscription("https://p/" + std::string(2100, 'x')).dump()};
  for (const auto& body : cases) {
    const auto res = call(http::verb::post, "/v1/me/push", body);
    EXPECT_EQ(res.result(), http::status::bad_request) << body;
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
  }
  const auto clear =
      call(http::verb::post, "/v1/me/push", subscription("http://push.example.net/1").dump());
  EXPECT_EQ(clear.result(), http::status::bad_request);
  EXPECT_NE(clear.body().find("https"), std::string::npos) << clear.body();
  // http only to a loopback address (the tests' push service)
  EXPECT_EQ(
      call(http::verb::post, "/v1/me/push", subscription("http://127.0.0.1:9/p").dump()).result(),
      http::status::created);
  EXPECT_EQ(store_->subscriptions_of(user_).value().size(), 1u);
}

TEST_F(PushApiTest, APersonKeepsTheirTenNewestBrowsers) {
  for (int i = 0; i < 12; ++i) {
    ASSERT_EQ(call(http::verb::post, "/v1/me/push",
                   subscription("https://push.example.net/" + std::to_string(i)).dump())
                  .result(),
              http::status::created);
  }
  const auto kept = store_->subscriptions_of(user_).value();
  ASSERT_EQ(kept.size(), 10u);
  for (const auto& s : kept) {
    EXPECT_NE(s.endpoint, "https://push.example.net/0");
    EXPECT_NE(s.endpoint, "https://push.example.net/1");
  }
}

TEST_F(PushApiTest, WithoutAValidTokenItIs401) {
  const auto res = call(http::verb::post, "/v1/me/push", subscription().dump(), kPage, false);
  EXPECT_EQ(res.result(), http::status::unauthorized);
  EXPECT_EQ(res[http::field::www_authenticate], "Bearer");
  EXPECT_EQ(call(http::verb::delete_, "/v1/me/push", "", kPage, false).result(),
            http::status::unauthorized);
}

TEST_F(PushApiTest, PreflightGrantsTheRoutesMethods) {
  Request req{http::verb::options, "/v1/me/push", 11};
  req.set(http::field::origin, kPage);
  req.set(http::field::access_control_request_method, "POST");
  const auto res = testing::call_route(router_, req, "/v1/me/push");
  EXPECT_EQ(res[http::field::access_control_allow_methods], "POST, DELETE, OPTIONS");
}

}  // namespace
}  // namespace backcoach::net
