#include "bot_request.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "net/request_signature.h"

namespace backcoach::bench {
namespace {

namespace http = boost::beast::http;

const std::string kKey(32, '\x5f');  // the key a secret file of "5f" * 32 spells
constexpr std::int64_t kNow = 1700000000;

LoadTarget bot_target() { return *parse_target("http://127.0.0.1:8080/v1/bots/bench/messages"); }

BotRequest first_turn() {
  return make_bot_request(bot_target(), kKey,
                          {"run-3-1", "3.1", "hi, my lower back has been hurting"}, kNow);
}

std::string header(const BotRequest& req, std::string_view name) { return std::string(req[name]); }

TEST(BotRequestTest, IsAKeepAlivePostOfTheTurnAsJson) {
  const auto req = first_turn();
  EXPECT_EQ(req.method(), http::verb::post);
  EXPECT_EQ(req.target(), "/v1/bots/bench/messages");
  EXPECT_EQ(req.version(), 11);
  EXPECT_TRUE(req.keep_alive());
  EXPECT_EQ(header(req, "Host"), "127.0.0.1:8080");
  EXPECT_EQ(header(req, "Content-Type"), "application/json");
  EXPECT_EQ(header(req, "Content-Length"), std::to_string(req.body().size()));
  const auto body = nlohmann::json::parse(req.body());
  EXPECT_EQ(body, (nlohmann::json{{"user", "run-3-1"},
                                  {"id", "3.1"},
                                  {"text", "hi, my lower back has been hurting"}}));
}

TEST(BotRequestTest, SignatureIsAcceptedByTheDaemonsCheckOnlyUnderItsKey) {
  const auto req = first_turn();
  const auto timestamp = header(req, net::kTimestampHeader);
  const auto signature = header(req, net::kSignatureHeader);
  EXPECT_EQ(timestamp, "1700000000");
  EXPECT_EQ(net::check_v1(kKey, timestamp, signature, req.body(), kNow), net::SignatureCheck::ok);
  EXPECT_EQ(net::check_v1(std::string(32, '\x5e'), timestamp, signature, req.body(), kNow),
            net::SignatureCheck::mismatch);
}

// A known answer, computed apart from this code (Python: hmac.new(bytes.fromhex("5f" * 32),
// b"1700000000." + body, hashlib.sha256).hexdigest(), body as asserted here).
TEST(BotRequestTest, SignatureMatchesAKnownVector) {
  const auto req = first_turn();
  ASSERT_EQ(req.body(),
            R"({"id":"3.1","text":"hi, my lower back has been hurting","user":"run-3-1"})");
  EXPECT_EQ(header(req, net::kSignatureHeader),
            "v1=f4430d35db89b757fa0b69470c7dfd0bb5c7960bd0b6ed4212c62ec3f9bf3097");
}

TEST(BotRequestTest, TextIsEscapedAsJsonAndStillSigned) {
  const auto req =
      make_bot_request(bot_target(), kKey, {"u", "1", "a \"quote\"\nand é"}, kNow + 60);
  EXPECT_EQ(nlohmann::json::parse(req.body())["text"], "a \"quote\"\nand é");
  EXPECT_EQ(net::check_v1(kKey, header(req, net::kTimestampHeader),
                          header(req, net::kSignatureHeader), req.body(), kNow + 60),
            net::SignatureCheck::ok);
}

}  // namespace
}  // namespace backcoach::bench
