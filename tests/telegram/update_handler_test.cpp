// The channel from updates to what Telegram is sent: the real rules, service and store,
// the outbox as a list pumped through the deliverer, and the fake Bot API.
#include "telegram/update_handler.h"

#include <gmock/gmock.h>

#include "channel_harness.h"
#include "telegram/payload.h"

namespace backcoach::telegram {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class UpdateHandlerTest : public testing::ChannelHarness {
 protected:
  std::string text_of(const std::string& id) { return rules_->get()->telegram_text(id); }
  std::optional<std::string> person(std::int64_t chat) {
    return store_->find_identity({"telegram", std::to_string(chat)}).value();
  }
};

TEST_F(UpdateHandlerTest, AConversationToAnEmergencyCarriesTheEmergencyNumber) {
  push({text_update(41, "my lower back")});
  pump();
  const auto greeting = sent_texts();
  ASSERT_GE(greeting.size(), 2u) << "the opening, then the first question";
  EXPECT_EQ(greeting.back(), "How old are you?");

  push({text_update(41, "I can't feel the toilet paper when I wipe and I've wet myself")});
  pump();
  const auto all = sent_texts();
  EXPECT_THAT(all, Contains(AllOf(HasSubstr("emergency department"), HasSubstr("999"))));
  const auto user = person(41);
  ASSERT_TRUE(user);
  EXPECT_EQ(store_->load_conversation(*user)->turns, 2);
  EXPECT_EQ(store_->find_turn(*user, "telegram:102").value()->tier, "emergency");
}

TEST_F(UpdateHandlerTest, UrgentAdviceCarriesTheEmergencyNumberToo) {
  push({text_update(42, "lower back and my right leg has gone weak")});
  pump();
  EXPECT_THAT(sent_texts(), Contains(AllOf(HasSubstr("within 24 hours"), HasSubstr("999"))));
}

TEST_F(UpdateHandlerTest, AButtonPressIsAnsweredAndTakenAsTheChoice) {
  push({text_update(43, "my lower back"), text_update(43, "35")});
  const auto rows = outbox_.rows();
  const auto& question = rows.back().second.payload["params"];
  EXPECT_EQ(question["text"], "How long have you had this pain?");
  const auto keyboard = question["reply_markup"];
  const std::string data = keyboard["inline_keyboard"][1][0]["callback_data"];
  pump();

  push({press_update(43, data, keyboard)});
  const auto answers = fake_->calls("answerCallbackQuery", 1, 5);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0]["params"]["callback_query_id"], "cb103");
  const auto turn = store_->find_turn(*person(43), "telegram:103").value();
  ASSERT_TRUE(turn);
  EXPECT_EQ(turn->user_text, "1 to 2 weeks");
}

TEST_F(UpdateHandlerTest, AStretchComesWithItsPictureUploadedOnceThenByFileId) {
  for (std::int64_t chat : {44, 45}) {
    for (const std::string text :
         {"my lower back", "35", "1 to 2 weeks", "4", "gradually, no clear reason",
          "nothing in particular", "none of these", "none of these", "none of these"}) {
      push({text_update(chat, text)});
    }
    pump();
  }
  const auto photos = fake_->calls("sendPhoto");
  ASSERT_GE(photos.size(), 2u);
  const auto& first = photos[0];
  EXPECT_TRUE(first["files"]["photo"]["png"]);
  EXPECT_THAT(first["params"]["caption"].get<std::string>(), HasSubstr("\n1. "));
  const auto per_chat = photos.size() / 2;
  const auto& again = photos[per_chat];  // the same exercise, for the second person
  EXPECT_EQ(again["params"]["chat_id"], 45);
  EXPECT_TRUE(again["files"].empty()) << "uploaded a second time";
  EXPECT_EQ(again["params"]["photo"], "photo-1");
}

TEST_F(UpdateHandlerTest, TheSameUpdateTwiceIsOneTurnAndOneReply) {
  const auto update = text_update(46, "my lower back");
  push({update});
  push({update});  // recorded once: the second is not even queued
  std::vector<store::TelegramUpdate> again{{update["update_id"], update}};
  queue_->push(again);  // handled again anyway (as after a crash before marking it)
  settle();
  EXPECT_EQ(store_->load_conversation(*person(46))->turns, 1);
  const auto sent = pump();
  EXPECT_EQ(sent.size(), outbox_.rows().size());
  const auto texts = sent_texts();
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "How old are you?"), 1);
}

TEST_F(UpdateHandlerTest, StartGreetsANewPersonAndWelcomesBackAnother) {
  push({text_update(47, "/start")});
  pump();
  const auto greeting = sent_texts();
  ASSERT_FALSE(greeting.empty());
  EXPECT_EQ(greeting.back(), "Where do you feel the pain?") << "the opening and its first question";
  push({text_update(47, "/start")});
  pump();
  EXPECT_EQ(sent_texts().back(), text_of("start_again"));
}

TEST_F(UpdateHandlerTest, HelpAndAnUnknownCommandAndAStickerGetTheRulesTexts) {
  push({text_update(48, "/help@fake_bot"), text_update(48, "/dance"), text_update(48, "")});
  pump();
  EXPECT_EQ(sent_texts(), (std::vector<std::string>{text_of("help"), text_of("unknown_command"),
                                                    text_of("not_text")}));
}

TEST_F(UpdateHandlerTest, StopIsRecordedForTheCoachingAndStartUndoesIt) {
  push({text_update(49, "/stop")});
  EXPECT_TRUE(store_->chat(49)->stopped);
  pump();
  EXPECT_EQ(sent_texts().back(), text_of("stopped"));
  push({text_update(49, "/start")});
  EXPECT_FALSE(store_->chat(49)->stopped);
}

TEST_F(UpdateHandlerTest, ForgetAsksFirstAndErasesOnlyOnYes) {
  push({text_update(50, "my lower back"), text_update(50, "/forget")});
  const auto question = outbox_.rows().back().second.payload["params"];
  EXPECT_EQ(question["text"], text_of("forget_confirm"));
  const auto buttons = question["reply_markup"]["inline_keyboard"];
  push({press_update(50, buttons[1][0]["callback_data"])});  // "No, keep it"
  const auto user = person(50);
  ASSERT_TRUE(user);
  EXPECT_TRUE(store_->user_exists(*user).value());
  pump();
  EXPECT_EQ(sent_texts().back(), text_of("forget_kept"));

  const auto sent_before = static_cast<int>(fake_->calls("sendMessage").size());
  push({press_update(50, buttons[0][0]["callback_data"])});  // "Yes, erase everything"
  EXPECT_FALSE(store_->user_exists(*user).value());
  EXPECT_FALSE(person(50)) << "the Telegram identity went with the person";
  // Sent directly, not queued: wait for it to arrive rather than for any call.
  const auto goodbye = fake_->calls("sendMessage", sent_before + 1, 5);
  EXPECT_EQ(goodbye.back()["params"]["text"], text_of("forgotten"));
  EXPECT_THAT(pump(), IsEmpty());
}

TEST_F(UpdateHandlerTest, AStartCodeJoinsTheChatToTheWidgetsPersonOnce) {
  const auto widget_person = *store_->create_user(now());
  ASSERT_TRUE(store_->add_link_code("Zx9-code_1", widget_person, now() + 600'000, now()));
  push({text_update(51, "/start Zx9-code_1")});
  EXPECT_EQ(person(51), widget_person);
  const auto rows = outbox_.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].first, widget_person);
  EXPECT_EQ(rows[0].second.payload["params"]["text"], text_of("linked"));

  push({text_update(52, "/start Zx9-code_1")});  // used: another chat cannot have it
  EXPECT_NE(person(52), widget_person);
  pump();
  const auto texts = sent_texts();
  EXPECT_THAT(texts, Contains(text_of("link_failed")));
  EXPECT_EQ(texts.back(), "Where do you feel the pain?") << "and a new conversation starts";
}

TEST_F(UpdateHandlerTest, GroupsAndKindsWeDoNotReadAreIgnored) {
  auto group = text_update(53, "my lower back");
  group["message"]["chat"]["type"] = "group";
  push({group, {{"update_id", 999}, {"edited_message", {{"message_id", 1}}}}});
  EXPECT_THAT(outbox_.rows(), IsEmpty());
  EXPECT_FALSE(person(53));
  EXPECT_THAT(store_->pending_updates(api_->bot_id()).value(), IsEmpty());
}

TEST_F(UpdateHandlerTest, AnUpdateTheStoreRefusesIsTriedAgain) {
  outbox_.fail_enqueues = 2;
  push({text_update(54, "/help"), text_update(54, "/stop")});
  pump();
  EXPECT_EQ(sent_texts(), (std::vector<std::string>{text_of("help"), text_of("stopped")}))
      << "the second waited behind the first";
}

TEST_F(UpdateHandlerTest, AnUpdateTheStoreKeepsRefusingIsDroppedAndCounted) {
  outbox_.fail_enqueues = 1000;
  push({text_update(56, "/help"), text_update(56, "/stop")});
  EXPECT_EQ(counters_.dropped.value(), 2u);
  EXPECT_EQ(counters_.handled.value(), 0u);
  EXPECT_TRUE(store_->pending_updates(api_->bot_id())->empty()) << "given up, not left pending";
  EXPECT_NE(registry_.render().find("backcoach_telegram_updates_total{outcome=\"dropped\"} 2"),
            std::string::npos);
}

TEST_F(UpdateHandlerTest, AnOldButtonIsAnsweredWithANoticeAndNothingElse) {
  push({press_update(55, "q#4")});  // a long label, and Telegram sent no keyboard with it
  const auto answers = fake_->calls("answerCallbackQuery", 1, 5);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0]["params"]["text"], text_of("button_expired"));
  EXPECT_THAT(outbox_.rows(), IsEmpty());
}

// /journal, and asking for it in words, bring the pain journal as a chart: a PNG drawn
// when it is sent (the fake reads its signature and IHDR), with the caption of the rules.
TEST_F(UpdateHandlerTest, TheJournalComesAsAChartPictureByCommandOrInWords) {
  push({text_update(61, "my lower back")});
  push({text_update(61, "/journal")});
  push({text_update(61, "can I see my pain journal?")});
  const auto delivered = pump();
  for (const auto& d : delivered) EXPECT_EQ(d.outcome, outbox::Delivery::Outcome::sent) << d.reason;
  const auto photos = fake_->calls("sendPhoto");
  ASSERT_EQ(photos.size(), 2u);
  for (const auto& photo : photos) {
    EXPECT_TRUE(photo["files"]["photo"]["png"]);
    EXPECT_EQ(photo["files"]["photo"]["width"], 1280);
    EXPECT_EQ(photo["files"]["photo"]["height"], 600);
    EXPECT_EQ(photo["params"]["caption"], text_of("journal_caption"));
  }
  EXPECT_THAT(sent_texts(), Contains(HasSubstr("Here's your pain journal")));
  EXPECT_EQ(store_->load_conversation(*person(61))->turns, 2) << "/journal is not a turn";
}

}  // namespace
}  // namespace backcoach::telegram
