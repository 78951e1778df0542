// The TelegramState contract: updates received exactly once and kept until handled,
// the polling offset, picture file_ids and chat marks. Runs on the StoreContract
// fixture's backends.
#include <gmock/gmock.h>

#include "store_contract.h"

namespace backcoach::store::testing {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::string kBot = "123";

TelegramUpdate update(std::int64_t id, const std::string& text) {
  return {id, json{{"update_id", id}, {"message", {{"text", text}}}}};
}

std::vector<std::int64_t> ids(const result<std::vector<TelegramUpdate>>& updates) {
  std::vector<std::int64_t> out;
  if (!updates) return out;
  for (const auto& u : *updates) out.push_back(u.update_id);
  return out;
}

}  // namespace

TEST_P(TelegramStateContract, AnUpdateIsReceivedOnceAndPendingUntilHandled) {
  auto fresh = store_->receive_updates(kBot, {update(7, "a"), update(8, "b")}, 9, kNowMs);
  EXPECT_THAT(ids(fresh), ElementsAre(7, 8));
  // Telegram sends 8 again (our answer was lost) with 9: only 9 is new.
  EXPECT_THAT(ids(store_->receive_updates(kBot, {update(8, "b"), update(9, "c")}, 10, kNowMs)),
              ElementsAre(9));
  auto pending = store_->pending_updates(kBot);
  EXPECT_THAT(ids(pending), ElementsAre(7, 8, 9));
  EXPECT_EQ(pending->front().body["message"]["text"], "a");
  ASSERT_TRUE(store_->mark_handled(kBot, 8, kNowMs).has_value());
  EXPECT_THAT(ids(store_->pending_updates(kBot)), ElementsAre(7, 9));
  // Handled is still known: a repeat after handling is dropped too.
  EXPECT_THAT(ids(store_->receive_updates(kBot, {update(8, "b")}, std::nullopt, kNowMs)),
              IsEmpty());
}

TEST_P(TelegramStateContract, UpdatesAndOffsetsArePerBot) {
  ASSERT_TRUE(store_->receive_updates(kBot, {update(1, "a")}, 2, kNowMs).has_value());
  EXPECT_THAT(ids(store_->receive_updates("456", {update(1, "x")}, 5, kNowMs)), ElementsAre(1));
  EXPECT_EQ(store_->polling_offset(kBot).value(), 2);
  EXPECT_EQ(store_->polling_offset("456").value(), 5);
  EXPECT_EQ(store_->polling_offset("789").value(), 0);
}

TEST_P(TelegramStateContract, TheOffsetOnlyMovesForward) {
  ASSERT_TRUE(store_->receive_updates(kBot, {}, 40, kNowMs).has_value());
  ASSERT_TRUE(store_->receive_updates(kBot, {}, 30, kNowMs).has_value());
  EXPECT_EQ(store_->polling_offset(kBot).value(), 40);
}

TEST_P(TelegramStateContract, HandledUpdatesAreForgottenAfterAWeek) {
  ASSERT_TRUE(store_->receive_updates(kBot, {update(1, "a")}, 2, kNowMs).has_value());
  ASSERT_TRUE(store_->mark_handled(kBot, 1, kNowMs).has_value());
  constexpr std::int64_t kWeek = 7LL * 24 * 3600 * 1000;
  ASSERT_TRUE(store_->receive_updates(kBot, {update(2, "b")}, 3, kNowMs + kWeek).has_value());
  ASSERT_TRUE(store_->mark_handled(kBot, 2, kNowMs + kWeek + 1).has_value());
  // Update 1 is no longer remembered, so the same id counts as new again.
  EXPECT_THAT(ids(store_->receive_updates(kBot, {update(1, "a"), update(2, "b")}, std::nullopt,
                                          kNowMs + kWeek + 2)),
              ElementsAre(1));
}

TEST_P(TelegramStateContract, ReceivedUpdatesOutliveARestart) {
  if (!factory_->persistent()) GTEST_SKIP() << "an in-memory database ends with its store";
  ASSERT_TRUE(store_->receive_updates(kBot, {update(3, "a"), update(4, "b")}, 5, kNowMs));
  ASSERT_TRUE(store_->mark_handled(kBot, 3, kNowMs).has_value());
  reopen();
  EXPECT_THAT(ids(store_->pending_updates(kBot)), ElementsAre(4));
  EXPECT_EQ(store_->polling_offset(kBot).value(), 5);
}

TEST_P(TelegramStateContract, APhotoFileIdIsKeptPerBotAndPicture) {
  const PhotoKey key{kBot, "cat_cow", "abc"};
  EXPECT_FALSE(store_->photo_file_id(key).value().has_value());
  ASSERT_TRUE(store_->save_photo_file_id(key, "file-1", kNowMs).has_value());
  EXPECT_EQ(store_->photo_file_id(key).value(), "file-1");
  EXPECT_FALSE(store_->photo_file_id({"456", "cat_cow", "abc"}).value().has_value());
  EXPECT_FALSE(store_->photo_file_id({kBot, "cat_cow", "redrawn"}).value().has_value());
  ASSERT_TRUE(store_->save_photo_file_id(key, "file-2", kNowMs).has_value());
  EXPECT_EQ(store_->photo_file_id(key).value(), "file-2");
  ASSERT_TRUE(store_->forget_photo_file_id(key).has_value());
  EXPECT_FALSE(store_->photo_file_id(key).value().has_value());
}

TEST_P(TelegramStateContract, ChatMarksBelongToTheChatsIdentity) {
  EXPECT_EQ(store_->set_chat_blocked(77, true, kNowMs).error(), errc::not_found);
  const auto person = store_->resolve_identity({"telegram", "77"}, kNowMs)->user_id;
  EXPECT_FALSE(store_->chat(77)->blocked);
  ASSERT_TRUE(store_->set_chat_blocked(77, true, kNowMs).has_value());
  ASSERT_TRUE(store_->set_chat_stopped(77, true, kNowMs).has_value());
  EXPECT_TRUE(store_->chat(77)->blocked);
  EXPECT_TRUE(store_->chat(77)->stopped);
  EXPECT_THAT(store_->blocked_chats().value(), ElementsAre(77));
  ASSERT_TRUE(store_->set_chat_blocked(77, false, kNowMs).has_value());
  EXPECT_FALSE(store_->chat(77)->blocked);
  EXPECT_TRUE(store_->chat(77)->stopped);
  EXPECT_THAT(store_->blocked_chats().value(), IsEmpty());
  ASSERT_TRUE(store_->erase_user(person).value());
  EXPECT_FALSE(store_->chat(77)->stopped);  // gone with the person
}

}  // namespace backcoach::store::testing
