#include "service/reply_json.h"

#include <gtest/gtest.h>

namespace backcoach::service {
namespace {

using nlohmann::json;

// The shape stored in turns.messages and sent over the WebSocket: a database
// written before typed replies must read back into the same bytes.
TEST(ReplyJson, StoredMessagesReadBackIntoTheSameJson) {
  const json stored = json::parse(R"([
    {"text": "Where is the pain?", "quick_replies": ["Lower back only", "Down a leg"]},
    {"text": "Knee to chest", "exercise": {"id": "knee_to_chest", "name": "Knee to chest",
      "image": "/img/exercises/knee_to_chest.svg", "hold_seconds": 20, "repetitions": null}},
    {"text": "Stop if it hurts more."}
  ])");
  const auto messages = messages_from_json(stored);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].quick_replies.size(), 2u);
  ASSERT_TRUE(messages[1].exercise.has_value());
  EXPECT_EQ(messages[1].exercise->id, "knee_to_chest");
  EXPECT_FALSE(messages[2].exercise.has_value());
  EXPECT_EQ(to_json(messages).dump(), stored.dump());
}

TEST(ReplyJson, WhatIsNotAMessageIsSkipped) {
  EXPECT_TRUE(messages_from_json(json::object()).empty());
  const auto messages =
      messages_from_json(json::parse(R"([1, "x", {"quick_replies": [2, "ok"]}])"));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].text, "");
  EXPECT_EQ(messages[0].quick_replies, std::vector<std::string>{"ok"});
}

TEST(ReplyJson, TierIsANameOrNull) {
  EXPECT_EQ(tier_to_json(std::string("urgent")), "urgent");
  EXPECT_TRUE(tier_to_json(std::nullopt).is_null());
}

}  // namespace
}  // namespace backcoach::service
