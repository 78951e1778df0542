#include "telegram/bot_types.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace backcoach::telegram {
namespace {

using nlohmann::json;

// A callback query as Telegram sends it: the pressed message comes with its keyboard,
// which is how a long quick reply is found again from its button.
const json kPress = json::parse(R"({
  "update_id": 900,
  "callback_query": {
    "id": "4382", "chat_instance": "-77", "data": "q#1",
    "from": {"id": 5, "is_bot": false, "first_name": "Ann", "username": "ann"},
    "message": {
      "message_id": 31, "date": 1714564800, "text": "Any of these?",
      "from": {"id": 1, "is_bot": true, "first_name": "fake", "username": "fake_bot"},
      "chat": {"id": 5, "type": "private", "first_name": "Ann"},
      "reply_markup": {"inline_keyboard": [[{"text": "None", "callback_data": "q:None"}],
                                           [{"text": "Fever", "callback_data": "q#1"}],
                                           [{"text": "site", "url": "https://x.example"}]]}
    }
  }
})");

TEST(BotTypes, ReadsAPressWithItsMessagesKeyboard) {
  const auto update = read_update(kPress);
  ASSERT_TRUE(update && update->callback_query);
  const auto& q = *update->callback_query;
  EXPECT_EQ(q.id, "4382");
  EXPECT_EQ(q.from_id, 5);
  ASSERT_TRUE(q.message);
  EXPECT_EQ(q.message->chat_type, "private");
  ASSERT_EQ(q.message->keyboard.size(), 3u);
  EXPECT_EQ(q.message->keyboard[1][0].text, "Fever");
  EXPECT_EQ(q.message->keyboard[2][0].callback_data, "");
}

TEST(BotTypes, AnUpdateWrittenBackReadsTheSameWithoutNames) {
  const auto update = read_update(kPress);
  ASSERT_TRUE(update);
  const json kept = to_json(*update);
  EXPECT_EQ(kept.dump().find("Ann"), std::string::npos) << "names are not kept";
  const auto again = read_update(kept);
  ASSERT_TRUE(again && again->callback_query && again->callback_query->message);
  EXPECT_EQ(again->update_id, 900);
  EXPECT_EQ(again->callback_query->data, "q#1");
  EXPECT_EQ(again->callback_query->message->keyboard[1][0].text, "Fever");
  EXPECT_EQ(again->callback_query->message->chat_id, 5);

  const auto text = read_update(json::parse(
      R"({"update_id": 7, "message": {"message_id": 3, "chat": {"id": 9, "type": "private"},
          "from": {"id": 9}, "text": "my back"}})"));
  ASSERT_TRUE(text && text->message);
  const auto text_again = read_update(to_json(*text));
  ASSERT_TRUE(text_again && text_again->message);
  EXPECT_EQ(text_again->message->text, "my back");
  EXPECT_EQ(text_again->message->chat_type, "private");
  EXPECT_EQ(text_again->message->from_id, 9);
}

TEST(BotTypes, ABotUserNeedsAUsername) {
  EXPECT_EQ(read_bot_user(json{{"id", 1}, {"username", "coach_bot"}})->username, "coach_bot");
  EXPECT_FALSE(read_bot_user(json{{"id", 1}}));
  EXPECT_FALSE(read_bot_user(json{{"id", "1"}, {"username", "x"}}));
}

}  // namespace
}  // namespace backcoach::telegram
