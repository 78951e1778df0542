#include "telegram/bot_api.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <boost/asio/io_context.hpp>
#include <chrono>

#include "fake_telegram.h"
#include "outbound/outbound_error.h"

namespace backcoach::telegram {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  char two[3];
  for (unsigned i = 0; i < size; ++i) {
    std::snprintf(two, sizeof two, "%02x", digest[i]);
    hex += two;
  }
  return hex;
}

class BotApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = &testing::FakeTelegram::shared();  // started by the first test that needs it
    ASSERT_TRUE(fake_->running()) << "fake_telegram.py did not start";
    fake_->post("/reset", json::object());
    outbound::ClientOptions options;
    options.extra_ca_file = fake_->ca_file();
    client_ = std::move(*outbound::HttpsClient::create(ioc_.get_executor(), options));
    api_ = std::move(*BotApi::create(*client_, fake_->api_base(), fake_->token()));
  }

  // Runs one call to its end and gives its answer.
  template <class T, class Params, class Method>
  Answer<T> run(Method method, const Params& params) {
    Answer<T> out;
    (api_.get()->*method)(params, [&](Answer<T> a) { out = std::move(a); });
    ioc_.run();
    ioc_.restart();
    return out;
  }

  static testing::FakeTelegram* fake_;
  boost::asio::io_context ioc_;
  std::unique_ptr<outbound::HttpsClient> client_;
  std::unique_ptr<BotApi> api_;
};

testing::FakeTelegram* BotApiTest::fake_ = nullptr;

TEST_F(BotApiTest, LongPollsForUpdatesAndConfirmsThemWithTheOffset) {
  fake_->queue_updates(json::array({{{"message",
                                      {{"message_id", 10},
                                       {"chat", {{"id", 77}}},
                                       {"from", {{"id", 5}}},
                                       {"text", "my back hurts"}}}},
                                    {{"callback_query",
                                      {{"id", "cb1"},
                                       {"from", {{"id", 5}}},
                                       {"data", "yes"},
                                       {"message", {{"message_id", 11}, {"chat", {{"id", 77}}}}}}}},
                                    {{"edited_message", {{"message_id", 10}}}}}));
  GetUpdates poll{0, 1s, {"message", "callback_query"}, 100};
  auto first = run<std::vector<Update>>(&BotApi::get_updates, poll);
  ASSERT_FALSE(first.error) << first.error.summary();
  ASSERT_EQ(first.value.size(), 3u);
  EXPECT_EQ(first.value[0].message->text, "my back hurts");
  EXPECT_EQ(first.value[0].message->chat_id, 77);
  EXPECT_EQ(first.value[0].message->from_id, 5);
  EXPECT_EQ(first.value[1].callback_query->data, "yes");
  EXPECT_EQ(first.value[1].callback_query->message->chat_id, 77);
  EXPECT_FALSE(first.value[2].message || first.value[2].callback_query);

  poll.offset = first.value.back().update_id + 1;
  const auto start = std::chrono::steady_clock::now();
  auto second = run<std::vector<Update>>(&BotApi::get_updates, poll);
  ASSERT_FALSE(second.error) << second.error.summary();
  EXPECT_TRUE(second.value.empty()) << "confirmed updates come back";
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms) << "the call did not long-poll";

  const auto calls = fake_->calls("getUpdates");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1]["params"]["timeout"], 1);
  EXPECT_EQ(calls[1]["params"]["offset"], poll.offset);
  EXPECT_EQ(calls[1]["params"]["allowed_updates"], json({"message", "callback_query"}));
}

TEST_F(BotApiTest, SendsTextWithAnInlineKeyboard) {
  SendMessage m{77, "Any numbness?", InlineKeyboard{{{"Yes", "y"}, {"No", "n"}}}};
  auto sent = run<Message>(&BotApi::send_message, m);
  ASSERT_FALSE(sent.error) << sent.error.summary();
  EXPECT_EQ(sent.value.chat_id, 77);
  const auto call = fake_->calls("sendMessage").at(0);
  EXPECT_EQ(call["params"]["text"], "Any numbness?");
  EXPECT_EQ(call["params"]["reply_markup"]["inline_keyboard"][0][1],
            json({{"text", "No"}, {"callback_data", "n"}}));
}

TEST_F(BotApiTest, AnswersACallbackQuery) {
  auto answered = run<bool>(&BotApi::answer_callback_query, AnswerCallbackQuery{"cb1", ""});
  ASSERT_FALSE(answered.error) << answered.error.summary();
  EXPECT_TRUE(answered.value);
  EXPECT_EQ(fake_->calls("answerCallbackQuery").at(0)["params"]["callback_query_id"], "cb1");
}

TEST_F(BotApiTest, UploadsAPngOnceThenReusesItsFileId) {
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(300, '\0') + "--x";
  SendPhoto upload{77, PngUpload{"cat_cow.png", png}, "Cat-cow", InlineKeyboard{{{"Done", "d"}}}};
  auto first = run<Message>(&BotApi::send_photo, upload);
  ASSERT_FALSE(first.error) << first.error.summary();
  ASSERT_FALSE(first.value.photo_file_id.empty());

  auto again = run<Message>(&BotApi::send_photo, SendPhoto{78, first.value.photo_file_id, "", {}});
  ASSERT_FALSE(again.error) << again.error.summary();

  const auto calls = fake_->calls("sendPhoto");
  ASSERT_EQ(calls.size(), 2u);
  const auto& file = calls[0]["files"]["photo"];
  EXPECT_EQ(file["filename"], "cat_cow.png");
  EXPECT_EQ(file["content_type"], "image/png");
  EXPECT_EQ(file["sha256"], sha256_hex(png)) << "the upload arrived changed";
  EXPECT_EQ(calls[0]["params"]["caption"], "Cat-cow");
  EXPECT_EQ(calls[0]["params"]["chat_id"], "77");
  EXPECT_EQ(calls[0]["params"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "d");
  EXPECT_TRUE(calls[1]["files"].empty());
  EXPECT_EQ(calls[1]["params"]["photo"], first.value.photo_file_id);
}

TEST_F(BotApiTest, SetsTheWebhookWithItsSecret) {
  auto set =
      run<bool>(&BotApi::set_webhook,
                SetWebhook{"https://bot.example/v1/telegram/webhook", "s3cret", {"message"}});
  ASSERT_FALSE(set.error) << set.error.summary();
  const auto params = fake_->calls("setWebhook").at(0)["params"];
  EXPECT_EQ(params["url"], "https://bot.example/v1/telegram/webhook");
  EXPECT_EQ(params["secret_token"], "s3cret");
}

TEST_F(BotApiTest, ShowsABlockedChatAndAFloodWait) {
  fake_->post("/faults", {{"method", "sendMessage"},
                          {"status", 403},
                          {"description", "Forbidden: bot was blocked by the user"}});
  fake_->post("/faults", {{"method", "sendMessage"},
                          {"status", 429},
                          {"retry_after", 3},
                          {"description", "Too Many Requests: retry after 3"}});
  auto blocked = run<Message>(&BotApi::send_message, SendMessage{77, "hi", {}});
  EXPECT_TRUE(blocked.error.blocked()) << blocked.error.summary();
  EXPECT_FALSE(blocked.error.retryable());
  auto flood = run<Message>(&BotApi::send_message, SendMessage{77, "hi", {}});
  EXPECT_TRUE(flood.error.rate_limited()) << flood.error.summary();
  EXPECT_EQ(flood.error.retry_after, 3s);
  auto fine = run<Message>(&BotApi::send_message, SendMessage{77, "hi", {}});
  EXPECT_FALSE(fine.error) << fine.error.summary();
}

TEST_F(BotApiTest, AServerErrorOrAnHtmlPageIsRetryable) {
  fake_->post("/faults", {{"status", 502}, {"raw", "<html>Bad Gateway</html>"}});
  auto answer = run<Message>(&BotApi::send_message, SendMessage{77, "hi", {}});
  EXPECT_EQ(answer.error.code, 502);
  EXPECT_TRUE(answer.error.retryable());
}

TEST_F(BotApiTest, AWrongCertificateIsATransportErrorAndSendsNothing) {
  fake_->use_certificate("other_ca");
  auto answer = run<Message>(&BotApi::send_message, SendMessage{77, "hi", {}});
  EXPECT_EQ(answer.error.transport,
            outbound::make_error_code(outbound::error::certificate_untrusted));
  EXPECT_TRUE(fake_->calls().empty());
}

TEST_F(BotApiTest, ARefusedTokenIs401) {
  auto other = std::move(*BotApi::create(*client_, fake_->api_base(), "999:not-the-token"));
  Answer<Message> out;
  other->send_message(SendMessage{77, "hi", {}}, [&](Answer<Message> a) { out = std::move(a); });
  ioc_.run();
  EXPECT_EQ(out.error.code, 401);
}

TEST_F(BotApiTest, LearnsItsUsernameAndDropsAWebhook) {
  Answer<BotUser> me;
  api_->get_me([&](Answer<BotUser> a) { me = std::move(a); });
  Answer<bool> dropped;
  api_->delete_webhook([&](Answer<bool> a) { dropped = std::move(a); });
  ioc_.run();
  ASSERT_FALSE(me.error) << me.error.summary();
  EXPECT_EQ(me.value.username, "fake_bot");
  EXPECT_TRUE(dropped.value);
  EXPECT_EQ(fake_->calls("deleteWebhook").size(), 1u);
  EXPECT_EQ(api_->bot_id(), "123");
}

TEST_F(BotApiTest, CallsAnyMethodWithJsonParameters) {
  Answer<json> sent;
  api_->call_method("sendMessage", {{"chat_id", 77}, {"text", "hi"}},
                    [&](Answer<json> a) { sent = std::move(a); });
  ioc_.run();
  ASSERT_FALSE(sent.error) << sent.error.summary();
  EXPECT_EQ(sent.value["chat"]["id"], 77);
  EXPECT_EQ(fake_->calls("sendMessage").at(0)["params"]["text"], "hi");
}

TEST(BotApiCreate, RefusesATokenThatWouldBendTheUrl) {
  boost::asio::io_context ioc;
  auto client = std::move(*outbound::HttpsClient::create(ioc.get_executor(), {}));
  for (const char* token :
       {"", "123", ":abc", "123:", "123:abc/../x", "123:a?b", "12a:abc", "123:abc#x"}) {
    EXPECT_FALSE(BotApi::create(*client, "https://api.telegram.org", token).has_value()) << token;
  }
  EXPECT_FALSE(BotApi::create(*client, "http://api.telegram.org", "123:abc").has_value());
  EXPECT_TRUE(BotApi::create(*client, "https://api.telegram.org/", "123:AA-b_c").has_value());
}

TEST(BotApiRedact, HidesTheTokenWhereverItAppears) {
  boost::asio::io_context ioc;
  auto client = std::move(*outbound::HttpsClient::create(ioc.get_executor(), {}));
  auto api = std::move(*BotApi::create(*client, "https://api.telegram.org", "123:secret"));
  EXPECT_EQ(api->redact("https://api.telegram.org/bot123:secret/getMe and 123:secret"),
            "https://api.telegram.org/bot<token>/getMe and <token>");
}

}  // namespace
}  // namespace backcoach::telegram
