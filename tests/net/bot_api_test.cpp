#include "net/bot_api.h"

#include <gtest/gtest.h>

#include <optional>

#include "fake_chat_service.h"
#include "net/request_signature.h"

namespace backcoach::net {
namespace {

using nlohmann::json;

constexpr std::int64_t kNow = 1'714'564'800;
const std::string kKey = "0123456789abcdef0123456789abcdef";

class BotApiTest : public ::testing::Test {
 protected:
  BotApiTest() : api_(service_, {{"kiosk", kKey}}, [this] { return now_; }, {}) {
    api_.add_routes(router_);
    service_.reply.messages = {{"How old are you?", {}, std::nullopt}};
    service_.reply.flags = {"saddle_numbness"};
    service_.reply.tier = "emergency";
  }

  Response post(const std::string& body, std::string bot = "kiosk",
                std::optional<std::int64_t> at = std::nullopt,
                std::optional<std::string> key = std::nullopt) {
    Request req{http::verb::post, "/v1/bots/" + bot + "/messages", 11};
    const std::string ts = std::to_string(at.value_or(now_));
    req.set(kTimestampHeader, ts);
    req.set(kSignatureHeader, sign_v1(key.value_or(kKey), ts, body));
    req.body() = body;
    const auto m = router_.match(req.method(), path_of(req.target()));
    EXPECT_TRUE(m && m->handler);
    std::optional<Response> out;
    (*m->handler)(req, m->params, [&](Response res) { out = std::move(res); });
    EXPECT_TRUE(out.has_value());
    return out ? std::move(*out) : Response{};
  }

  static json body(const Response& res) { return json::parse(res.body(), nullptr, false); }
  bool nothing_reached_the_service() const {
    return service_.turns.empty() && service_.identified.empty();
  }

  testing::FakeChatService service_;
  std::int64_t now_ = kNow;
  Router router_;
  BotApi api_;
};

TEST_F(BotApiTest, ASignedMessageIsATurnOfTheBotsPerson) {
  const auto res = post(R"({"user": "p7", "id": "m1", "text": "my back hurts"})");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(res[http::field::content_type], "application/json");
  const auto answer = body(res);
  EXPECT_EQ(answer["replies"], json::parse(R"([{"text": "How old are you?"}])"));
  EXPECT_EQ(answer["tier"], "emergency");
  EXPECT_EQ(answer["flags"], json::array({"saddle_numbness"}));
  EXPECT_EQ(answer["exercises"], json::array());
  EXPECT_EQ(answer["duplicate"], false);
  EXPECT_EQ(service_.identified, std::vector<std::string>{"bot:kiosk/p7"});
  ASSERT_EQ(service_.turns.size(), 1u);
  const auto& turn = service_.turns[0];
  EXPECT_EQ(turn.user_id, "user-of-p7");
  EXPECT_EQ(turn.channel, "bot:kiosk");
  EXPECT_EQ(turn.message_id, "m1");
  EXPECT_EQ(std::get<service::TextInput>(turn.input).text, "my back hurts");
}

TEST_F(BotApiTest, AChoiceArrivesAsAChoice) {
  ASSERT_EQ(post(R"({"user": "p7", "id": "m2", "choice": "Lower back only"})").result(),
            http::status::ok);
  EXPECT_EQ(std::get<service::ChoiceInput>(service_.turns.at(0).input).choice, "Lower back only");
}

TEST_F(BotApiTest, AWrongKeyOrAStaleTimestampIs401AndReachesNothing) {
  const std::string msg = R"({"user": "p7", "id": "m1", "text": "hi"})";
  const auto forged = post(msg, "kiosk", std::nullopt, std::string("another key"));
  EXPECT_EQ(forged.result(), http::status::unauthorized);
  EXPECT_EQ(forged[http::field::content_type], "application/problem+json");
  EXPECT_EQ(body(forged)["status"], 401);
  EXPECT_EQ(post(msg, "kiosk", kNow - 301).result(), http::status::unauthorized);
  EXPECT_EQ(post(msg, "kiosk", kNow + 301).result(), http::status::unauthorized);
  EXPECT_TRUE(nothing_reached_the_service());
  EXPECT_EQ(post(msg, "kiosk", kNow - 300).result(), http::status::ok);
  EXPECT_EQ(post(msg, "kiosk", kNow + 300).result(), http::status::ok);
}

TEST_F(BotApiTest, ABodyChangedAfterSigningIs401) {
  Request req{http::verb::post, "/v1/bots/kiosk/messages", 11};
  const std::string ts = std::to_string(kNow);
  req.set(kTimestampHeader, ts);
  req.set(kSignatureHeader, sign_v1(kKey, ts, R"({"user":"p7","id":"m1","text":"hi"})"));
  req.body() = R"({"user":"p8","id":"m1","text":"hi"})";
  const auto m = router_.match(req.method(), path_of(req.target()));
  std::optional<Response> out;
  (*m->handler)(req, m->params, [&](Response res) { out = std::move(res); });
  EXPECT_EQ(out->result(), http::status::unauthorized);
  EXPECT_TRUE(nothing_reached_the_service());
}

TEST_F(BotApiTest, AnUnknownBotIs404) {
  const auto res = post(R"({"user": "p7", "id": "m1", "text": "hi"})", "nobody");
  EXPECT_EQ(res.result(), http::status::not_found);
  EXPECT_EQ(body(res)["status"], 404);
  EXPECT_TRUE(nothing_reached_the_service());
}

TEST_F(BotApiTest, EveryMalformedBodyIsA400AndReachesNothing) {
  const std::string too_long(2001, 'a');
  const char* cases[] = {
      "not json",
      "[1, 2]",
      R"({"id": "m1", "text": "hi"})",
      R"({"user": "p7", "text": "hi"})",
      R"({"user": "", "id": "m1", "text": "hi"})",
      R"({"user": "p7", "id": 5, "text": "hi"})",
      R"({"user": "p7", "id": "m1"})",
      R"({"user": "p7", "id": "m1", "text": "hi", "choice": "Yes"})",
      R"({"user": "p7", "id": "m1", "text": 42})",
      "{\"user\": \"p7\", \"id\": \"m1\", \"text\": \"\xff\"}",
  };
  for (const char* c : cases) {
    const auto res = post(c);
    EXPECT_EQ(res.result(), http::status::bad_request) << c;
    EXPECT_EQ(res[http::field::content_type], "application/problem+json") << c;
  }
  EXPECT_EQ(post(R"({"user": "p7", "id": "m1", "text": ")" + too_long + "\"}").result(),
            http::status::bad_request);
  const std::string long_id(129, 'x');
  EXPECT_EQ(post(R"({"user": "p7", "id": ")" + long_id + R"(", "text": "hi"})").result(),
            http::status::bad_request);
  EXPECT_TRUE(nothing_reached_the_service());
}

TEST_F(BotApiTest, AServiceThatCannotTakeTurnsIs503) {
  service_.say_error = service::ServiceError::not_ready;
  EXPECT_EQ(post(R"({"user": "p7", "id": "m1", "text": "hi"})").result(),
            http::status::service_unavailable);
  service_.say_error = service::ServiceError::internal;
  EXPECT_EQ(post(R"({"user": "p7", "id": "m1", "text": "hi"})").result(),
            http::status::internal_server_error);
}

}  // namespace
}  // namespace backcoach::net
