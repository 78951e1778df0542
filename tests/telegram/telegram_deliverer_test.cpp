#include "telegram/telegram_deliverer.h"

#include "channel_fixture.h"
#include "telegram/exercise_png.h"
#include "telegram/journal_png.h"

namespace backcoach::telegram {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Outcome = outbox::Delivery::Outcome;

class TelegramDelivererTest : public testing::ChannelFixture {
 protected:
  void SetUp() override {
    ChannelFixture::SetUp();
    if (HasFatalFailure()) return;
    pictures_ = load_pictures();
    blocked_ = std::move(*BlockedChats::load(*store_, pool_.get_executor(), clock(), log_));
    deliverer_ = std::make_unique<TelegramDeliverer>(*api_, *pictures_, *blocked_,
                                                     journal_charts(*store_, pool_.get_executor()));
  }

  std::unique_ptr<Pictures> load_pictures() {
    auto p = Pictures::load(default_exercise_png_dir(), {"cat_cow", "no_drawing"}, api_->bot_id(),
                            {*store_, pool_.get_executor(), clock(), log_});
    EXPECT_TRUE(p.has_value());
    return p ? std::move(*p) : nullptr;
  }

  outbox::Delivery deliver(const store::OutgoingMessage& m, const std::string& user_id = {}) {
    std::promise<outbox::Delivery> p;
    auto f = p.get_future();
    store::QueuedMessage q;
    q.id = ++next_id_;
    q.user_id = user_id;
    q.message = m;
    deliverer_->deliver(q, [&p](outbox::Delivery d) { p.set_value(std::move(d)); });
    return wait(f);
  }

  std::unique_ptr<Pictures> pictures_;
  std::unique_ptr<BlockedChats> blocked_;
  std::unique_ptr<TelegramDeliverer> deliverer_;
  std::int64_t next_id_ = 0;
};

TEST_F(TelegramDelivererTest, SendsAMessageWithItsButtons) {
  const auto d = deliver(text_message(77, "Any numbness?", {{{"Yes", "q:Yes"}}}));
  EXPECT_EQ(d.outcome, Outcome::sent) << d.reason;
  const auto call = fake_->calls("sendMessage").at(0);
  EXPECT_EQ(call["params"]["chat_id"], 77);
  EXPECT_EQ(call["params"]["text"], "Any numbness?");
  EXPECT_EQ(call["params"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "q:Yes");
}

TEST_F(TelegramDelivererTest, APictureIsUploadedOnceThenSentByItsFileIdAlsoAfterARestart) {
  EXPECT_EQ(deliver(exercise_photo(77, "cat_cow", "Cat-cow")).outcome, Outcome::sent);
  EXPECT_EQ(deliver(exercise_photo(78, "cat_cow", "Cat-cow")).outcome, Outcome::sent);
  drain_pool();
  pictures_ = load_pictures();  // a restart: the file_id comes from the store
  deliverer_ = std::make_unique<TelegramDeliverer>(*api_, *pictures_, *blocked_,
                                                   journal_charts(*store_, pool_.get_executor()));
  EXPECT_EQ(deliver(exercise_photo(79, "cat_cow", "Cat-cow")).outcome, Outcome::sent);

  const auto calls = fake_->calls("sendPhoto");
  ASSERT_EQ(calls.size(), 3u);
  const auto& upload = calls[0]["files"]["photo"];
  EXPECT_TRUE(upload["png"]);
  EXPECT_EQ(upload["filename"], "cat_cow.png");
  EXPECT_EQ(upload["sha256"], pictures_->find("cat_cow")->sha256);
  EXPECT_EQ(calls[0]["params"]["caption"], "Cat-cow");
  for (int i : {1, 2}) {
    EXPECT_TRUE(calls[i]["files"].empty()) << i;
    EXPECT_EQ(calls[i]["params"]["photo"], "photo-1") << i;
  }
}

TEST_F(TelegramDelivererTest, AFileIdTelegramRefusesIsUploadedAgainAtOnce) {
  pictures_->remember("cat_cow", "someone-elses-file");
  EXPECT_EQ(deliver(exercise_photo(77, "cat_cow", "Cat-cow")).outcome, Outcome::sent);
  const auto calls = fake_->calls("sendPhoto");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0]["params"]["photo"], "someone-elses-file");
  EXPECT_FALSE(calls[1]["files"].empty());
  EXPECT_EQ(pictures_->file_id("cat_cow"), "photo-1");
}

TEST_F(TelegramDelivererTest, AnExerciseWithoutAPictureIsSentAsText) {
  EXPECT_EQ(deliver(exercise_photo(77, "no_drawing", "Card")).outcome, Outcome::sent);
  EXPECT_TRUE(fake_->calls("sendPhoto").empty());
  EXPECT_EQ(fake_->calls("sendMessage").at(0)["params"]["text"], "Card");
}

TEST_F(TelegramDelivererTest, AFloodWaitAndAServerErrorAreRetriedAfterTelegramsWait) {
  fake_->post("/faults", {{"method", "sendMessage"}, {"status", 429}, {"retry_after", 7}});
  fake_->post("/faults", {{"method", "sendMessage"}, {"status", 502}, {"raw", "<html/>"}});
  const auto flood = deliver(text_message(77, "hi"));
  EXPECT_EQ(flood.outcome, Outcome::retry);
  EXPECT_EQ(flood.retry_after, 7s);
  const auto bad_gateway = deliver(text_message(77, "hi"));
  EXPECT_EQ(bad_gateway.outcome, Outcome::retry);
  EXPECT_FALSE(bad_gateway.retry_after);
  EXPECT_EQ(deliver(text_message(77, "hi")).outcome, Outcome::sent);
}

TEST_F(TelegramDelivererTest, ABlockedChatGetsNothingMoreEvenAfterARestart) {
  person_of(77);
  fake_->post("/faults", {{"method", "sendMessage"},
                          {"status", 403},
                          {"description", "Forbidden: bot was blocked by the user"}});
  const auto blocked = deliver(text_message(77, "first"));
  EXPECT_EQ(blocked.outcome, Outcome::gone);
  EXPECT_EQ(blocked.reason, "403 blocked");
  EXPECT_EQ(deliver(text_message(77, "second")).outcome, Outcome::gone);
  EXPECT_EQ(deliver(exercise_photo(77, "cat_cow", "Cat-cow")).outcome, Outcome::gone);
  EXPECT_EQ(fake_->calls().size(), 1u) << "only the first was tried";
  EXPECT_EQ(deliver(text_message(78, "another chat")).outcome, Outcome::sent);

  drain_pool();
  EXPECT_TRUE(store_->chat(77)->blocked);
  auto reloaded = std::move(*BlockedChats::load(*store_, pool_.get_executor(), clock(), log_));
  EXPECT_TRUE(reloaded->blocked(77));
  reloaded->unblock(77);  // they wrote to the bot again
  EXPECT_FALSE(reloaded->blocked(77));
  drain_pool();
  EXPECT_FALSE(store_->chat(77)->blocked);
}

// The journal's chart is drawn when its row is sent, for the row's person, and uploaded
// (each time: it changes with every check-in) as a PNG of the chart drawn at twice its
// 640x300, with its caption. The fake reads the PNG's signature and IHDR itself.
TEST_F(TelegramDelivererTest, AJournalChartIsDrawnForTheRowsPersonAndUploadedAsAPng) {
  const auto user = person_of(77);
  for (int i = 0; i < 2; ++i) {
    const auto d = deliver(journal_chart(77, "Your back pain"), user);
    EXPECT_EQ(d.outcome, Outcome::sent) << d.reason;
  }
  const auto calls = fake_->calls("sendPhoto");
  ASSERT_EQ(calls.size(), 2u);
  for (const auto& call : calls) {
    const auto& photo = call["files"]["photo"];
    EXPECT_TRUE(photo["png"]) << photo;
    EXPECT_EQ(photo["filename"], "journal.png");
    EXPECT_EQ(photo["width"], 1280);
    EXPECT_EQ(photo["height"], 600);
    EXPECT_EQ(call["params"]["caption"], "Your back pain");
    EXPECT_EQ(call["params"]["chat_id"], "77");
  }
}

TEST_F(TelegramDelivererTest, ARefusalOtherThanBlockingIsGoneAndAStrangePayloadToo) {
  fake_->post(
      "/faults",
      {{"method", "sendMessage"}, {"status", 400}, {"description", "Bad Request: chat not found"}});
  const auto refused = deliver(text_message(77, "hi"));
  EXPECT_EQ(refused.outcome, Outcome::gone);
  EXPECT_EQ(refused.reason, "400 Bad Request: chat not found");
  EXPECT_EQ(deliver({"telegram", "77", json{{"text", "hi"}}}).outcome, Outcome::gone);
  EXPECT_EQ(fake_->calls().size(), 1u);
}

}  // namespace
}  // namespace backcoach::telegram
