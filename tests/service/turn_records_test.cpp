#include "service/turn_records.h"

#include <gtest/gtest.h>

#include "service/reply_json.h"

namespace backcoach::service {
namespace {

using nlohmann::json;

TEST(TurnRecords, HistoryItemsCarryFromAndSkipTheEmptyOpeningLine) {
  std::vector<store::HistoryMessage> stored = {
      {"user", json{{"text", ""}}, 1, 0},
      {"bot", json{{"text", "Hello"}, {"quick_replies", {"yes", "no"}}}, 1, 0},
      {"user", json{{"text", "my back"}}, 2, 0},
      {"bot", json{{"text", "How old are you?"}}, 2, 0},
  };
  EXPECT_EQ(history_from(stored),
            (json::array({{{"from", "bot"}, {"text", "Hello"}, {"quick_replies", {"yes", "no"}}},
                          {{"from", "user"}, {"text", "my back"}},
                          {{"from", "bot"}, {"text", "How old are you?"}}})));
}

TEST(TurnRecords, BotHistoryMarksEveryMessage) {
  const json messages =
      json::array({{{"text", "a"}}, {{"text", "b"}, {"exercise", {{"id", "x"}}}}});
  const json items = bot_history(messages_from_json(messages));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["from"], "bot");
  EXPECT_EQ(items[1]["exercise"]["id"], "x");
}

TEST(TurnRecords, StoredReplyIsMarkedDuplicate) {
  store::TurnRecord record;
  record.messages = json::array({{{"text", "again"}}});
  record.tier = "soon";
  record.flags = {"radicular"};
  record.exercises = {"cat_cow"};
  const TurnReply reply = reply_from_record(record);
  EXPECT_TRUE(reply.duplicate);
  EXPECT_EQ(reply.tier, "soon");
  EXPECT_EQ(to_json(reply.messages), record.messages);
  EXPECT_EQ(reply.flags, record.flags);
  EXPECT_EQ(reply.exercises, record.exercises);
  record.tier.reset();
  EXPECT_FALSE(reply_from_record(record).tier.has_value());
}

}  // namespace
}  // namespace backcoach::service
