#include "telegram/presenter.h"

#include <gtest/gtest.h>

#include "telegram/buttons.h"
#include "telegram/payload.h"
#include "telegram/split_text.h"

namespace backcoach::telegram {
namespace {

using nlohmann::json;

class PresenterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                          std::string(BACKCOACH_SOURCE_DIR) + "/intents");
    ASSERT_TRUE(loaded.ok());
    rules_ = loaded.rules;
  }
  static service::ReplyMessage exercise(const std::string& id) {
    return {rules_->exercise_card(id).value("name", ""),
            {},
            service::ExerciseCard{id, rules_->exercise_card(id)}};
  }
  static std::shared_ptr<const dialogue::RuleSet> rules_;
};

std::shared_ptr<const dialogue::RuleSet> PresenterTest::rules_;

TEST_F(PresenterTest, EachBubbleIsAMessageAndQuickRepliesAreButtonsOnIt) {
  service::TurnReply reply;
  reply.messages = {{"Thanks.", {}, std::nullopt},
                    {"Any numbness?", {"Yes", "No", "Not sure"}, std::nullopt}};
  const auto rows = present_reply(77, reply, *rules_);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.channel, "telegram");
    EXPECT_EQ(row.destination, "77");
  }
  const auto first = read_payload(rows[0].payload);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->method, "sendMessage");
  EXPECT_EQ(first->chat_id(), 77);
  EXPECT_EQ(first->params["text"], "Thanks.");
  EXPECT_FALSE(first->params.contains("reply_markup"));
  const auto keyboard = rows[1].payload["params"]["reply_markup"]["inline_keyboard"];
  ASSERT_EQ(keyboard.size(), 1u) << "three short answers share a row";
  EXPECT_EQ(keyboard[0][2], json({{"text", "Not sure"}, {"callback_data", "q:Not sure"}}));
}

TEST_F(PresenterTest, ALongBubbleIsSplitAndItsButtonsGoOnTheLastPiece) {
  std::string words;
  while (utf16_length(words) < 6000) words += "Keep moving gently every day. ";
  service::TurnReply reply;
  reply.messages = {{words, {"OK"}, std::nullopt}};
  const auto rows = present_reply(5, reply, *rules_);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_LE(utf16_length(row.payload["params"]["text"].get<std::string>()), kMaxMessageLength);
  }
  EXPECT_FALSE(rows[0].payload["params"].contains("reply_markup"));
  EXPECT_TRUE(rows[1].payload["params"].contains("reply_markup"));
}

TEST_F(PresenterTest, AnExerciseIsItsPhotoWithTheCardAsCaption) {
  service::TurnReply reply;
  reply.messages = {exercise("knee_to_chest")};
  const auto rows = present_reply(5, reply, *rules_);
  ASSERT_EQ(rows.size(), 1u);
  const auto photo = read_payload(rows[0].payload);
  ASSERT_TRUE(photo);
  EXPECT_EQ(photo->method, "sendPhoto");
  EXPECT_EQ(photo->exercise, "knee_to_chest");
  const std::string caption = photo->params["caption"];
  EXPECT_EQ(caption.rfind("Knee-to-chest stretch\n1. Lie on your back", 0), 0u) << caption;
  EXPECT_NE(caption.find("\n4. For a deeper stretch"), std::string::npos);
  EXPECT_NE(caption.find("Hold for 30 seconds. Do both sides."), std::string::npos) << caption;
  EXPECT_NE(caption.find("Stop if you feel sharp pain"), std::string::npos);
  EXPECT_EQ(caption.find("{"), std::string::npos) << "a placeholder left unfilled";
  EXPECT_EQ(card_text(rules_->exercise_card("cat_cow"), *rules_).find("Hold for"),
            std::string::npos);
  EXPECT_NE(card_text(rules_->exercise_card("cat_cow"), *rules_).find("Repeat 5 times."),
            std::string::npos);
}

TEST_F(PresenterTest, ACardOverTheCaptionLimitFollowsItsPhotoAsText) {
  service::ReplyMessage m = exercise("plank");
  m.exercise->card["steps"] = json::array({std::string(1100, 'x')});
  m.quick_replies = {"Done"};
  service::TurnReply reply;
  reply.messages = {m};
  const auto rows = present_reply(5, reply, *rules_);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].payload["params"]["caption"], m.exercise->card["name"]);
  EXPECT_EQ(rows[1].payload["method"], "sendMessage");
  EXPECT_TRUE(rows[1].payload["params"].contains("reply_markup"));
}

// The journal's chart ends a reply that asked for it, and the last answer of a check-in
// unless that answer referred the person (the advice is then the last thing they read).
TEST_F(PresenterTest, TheJournalChartFollowsAskingForItAndACheckInsLastAnswer) {
  const auto chart_of = [](const std::vector<store::OutgoingMessage>& rows) {
    std::optional<Payload> chart;
    for (const auto& row : rows) {
      auto p = read_payload(row.payload);
      if (p && p->chart == "journal") chart = p;
    }
    return chart;
  };
  service::TurnReply asked;
  asked.messages = {{"Here's your pain journal.", {}, std::nullopt}};
  asked.actions = {dialogue::ShowJournal{}};
  auto rows = present_reply(77, asked, *rules_);
  ASSERT_EQ(rows.size(), 2u);
  const auto chart = read_payload(rows.back().payload);
  ASSERT_TRUE(chart);
  EXPECT_EQ(chart->method, "sendPhoto");
  EXPECT_EQ(chart->chart, "journal");
  EXPECT_EQ(chart->params["caption"], rules_->telegram_text("journal_caption"));

  service::TurnReply felt;
  felt.messages = {{"Great, keep it up.", {}, std::nullopt}};
  felt.actions = {dialogue::JournalAnswer{"felt", "better"}};
  ASSERT_TRUE(chart_of(present_reply(77, felt, *rules_)));
  EXPECT_EQ(chart_of(present_reply(77, felt, *rules_))->params["caption"],
            rules_->telegram_text("journal_after_checkin"));

  service::TurnReply pain_only = felt;
  pain_only.actions = {dialogue::JournalAnswer{"pain", 3}};
  EXPECT_FALSE(chart_of(present_reply(77, pain_only, *rules_))) << "the check-in goes on";
  service::TurnReply worse = felt;
  worse.actions = {dialogue::JournalAnswer{"felt", "worse"},
                   dialogue::Refer{"soon", {"worse_with_stretch"}}};
  EXPECT_FALSE(chart_of(present_reply(77, worse, *rules_))) << "the referral is the last word";
}

TEST_F(PresenterTest, ThePresenterUsesTheRulesInForce) {
  service::RulesHolder holder(rules_);
  const auto presenter = presenter_for(9, holder);
  service::TurnReply reply;
  reply.messages = {{"Hello", {}, std::nullopt}};
  const auto rows = presenter(reply);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].destination, "9");
}

TEST(Buttons, ALongQuickReplyIsFoundAgainFromTheKeyboardItCameWith) {
  const std::string long_label =
      "A weakened immune system, injecting drugs, or recent spine surgery or serious infection";
  const auto keyboard = quick_reply_keyboard({"None of these", long_label});
  ASSERT_EQ(keyboard.size(), 2u) << "a long answer gets a row of its own";
  const auto& data = keyboard[1][0].callback_data;
  EXPECT_LE(data.size(), 64u);
  CallbackQuery press{"id", 5, Message{31, 5, std::nullopt, "", "", "private", keyboard}, data};
  const auto read = read_press(press);
  EXPECT_EQ(read.kind, Press::Kind::choice);
  EXPECT_EQ(read.choice, long_label);
  press.message.reset();  // Telegram left it out: the press cannot be read
  EXPECT_EQ(read_press(press).kind, Press::Kind::unreadable);
  press.data = keyboard[0][0].callback_data;  // a short label needs no message
  EXPECT_EQ(read_press(press).choice, "None of these");
}

TEST(Buttons, ForgetsButtonsAndStrangersData) {
  const auto keyboard = forget_keyboard("Yes, erase", "No");
  EXPECT_EQ(read_press({"i", 5, std::nullopt, keyboard[0][0].callback_data}).kind,
            Press::Kind::forget_yes);
  EXPECT_EQ(read_press({"i", 5, std::nullopt, keyboard[1][0].callback_data}).kind,
            Press::Kind::forget_no);
  for (const char* data : {"", "q:", "q#9", "forget", "x"}) {
    EXPECT_EQ(read_press({"i", 5, std::nullopt, data}).kind, Press::Kind::unreadable) << data;
  }
}

}  // namespace
}  // namespace backcoach::telegram
