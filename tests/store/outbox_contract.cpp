// The Outbox contract: what every backend's outbox must do. It runs on the
// StoreContract fixture's backends (instantiated in sqlite_store_test.cpp).
#include <gmock/gmock.h>

#include "store_contract.h"

namespace backcoach::store::testing {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

OutgoingMessage to(std::string destination, std::string text, std::string channel = "bot:kiosk") {
  return {std::move(channel), std::move(destination), json{{"text", std::move(text)}}};
}

// The text of each due message, in the order due() gave them.
std::vector<std::string> texts(const std::vector<QueuedMessage>& due) {
  std::vector<std::string> out;
  for (const auto& m : due) out.push_back(m.message.payload.at("text").get<std::string>());
  return out;
}

}  // namespace

TEST_P(OutboxContract, ATurnsMessagesAreQueuedWithIt) {
  const auto user = new_user();
  auto turn = make_turn(user, 1, "hi", "m1");
  turn.outgoing = {to("alice", "first"), to("alice", "second")};
  ASSERT_FALSE(commit(turn));

  auto due = store_->due(turn.created_at_ms, 10);
  ASSERT_TRUE(due.has_value()) << due.error().message();
  ASSERT_EQ(due->size(), 1u);  // alice's oldest only
  const QueuedMessage& m = due->front();
  EXPECT_EQ(m.user_id, user);
  EXPECT_EQ(m.message.channel, "bot:kiosk");
  EXPECT_EQ(m.message.destination, "alice");
  EXPECT_EQ(m.message.payload, json({{"text", "first"}}));
  EXPECT_EQ(m.attempts, 0);
  EXPECT_EQ(m.created_at_ms, turn.created_at_ms);
  EXPECT_EQ(m.not_before_ms, turn.created_at_ms);
  EXPECT_EQ(store_->depth()->queued, 2);
}

TEST_P(OutboxContract, ATurnThatIsNotStoredQueuesNothing) {
  const auto user = new_user();
  auto turn = make_turn(user, 1, "hi", "m1");
  turn.outgoing = {to("alice", "answer")};
  ASSERT_FALSE(commit(turn));
  // The same message id again: the turn is refused, and so is what it owed.
  auto again = make_turn(user, 2, "hi", "m1");
  again.outgoing = {to("alice", "answer again")};
  EXPECT_EQ(commit(again), errc::duplicate);
  // A turn of nobody.
  auto stray = make_turn("no-such-user", 1, "hi");
  stray.outgoing = {to("bob", "lost")};
  EXPECT_EQ(commit(stray), errc::not_found);

  EXPECT_THAT(texts(store_->due(kNowMs + 60'000, 10).value()), ElementsAre("answer"));
  EXPECT_EQ(store_->depth()->queued, 1);
}

TEST_P(OutboxContract, EachDestinationGivesItsOldestOldestDestinationFirst) {
  const auto user = new_user();
  ASSERT_TRUE(store_->enqueue(user, {to("bob", "b1"), to("alice", "a1")}, kNowMs).has_value());
  ASSERT_TRUE(store_
                  ->enqueue(user,
                            {to("alice", "a2"), to("carol", "c1"), to("alice", "t1", "telegram")},
                            kNowMs)
                  .has_value());
  EXPECT_THAT(texts(store_->due(kNowMs, 10).value()), ElementsAre("b1", "a1", "c1", "t1"));
  EXPECT_THAT(texts(store_->due(kNowMs, 2).value()), ElementsAre("b1", "a1"));
  // Not due before they were queued.
  EXPECT_THAT(store_->due(kNowMs - 1, 10).value(), IsEmpty());
}

TEST_P(OutboxContract, SentMessagesLeaveAndTheNextOfTheirDestinationComes) {
  const auto user = new_user();
  ASSERT_TRUE(store_->enqueue(user, {to("alice", "a1"), to("alice", "a2")}, kNowMs).has_value());
  const auto first = store_->due(kNowMs, 10).value().at(0).id;
  EXPECT_THAT(texts(store_->due(kNowMs, 10).value()), ElementsAre("a1"));  // again, until marked
  ASSERT_TRUE(store_->mark_sent(first).has_value());
  EXPECT_THAT(texts(store_->due(kNowMs, 10).value()), ElementsAre("a2"));
  ASSERT_TRUE(store_->give_up(store_->due(kNowMs, 10).value().at(0).id).has_value());
  EXPECT_THAT(store_->due(kNowMs, 10).value(), IsEmpty());
  EXPECT_EQ(store_->depth()->queued, 0);
  EXPECT_FALSE(store_->depth()->oldest_created_at_ms.has_value());
  // Marking a message that is gone already is not an error.
  EXPECT_TRUE(store_->mark_sent(first).has_value());
  EXPECT_TRUE(store_->give_up(first).has_value());
}

TEST_P(OutboxContract, AHeldMessageHoldsBackItsDestinationOnly) {
  const auto user = new_user();
  ASSERT_TRUE(store_->enqueue(user, {to("alice", "a1"), to("alice", "a2"), to("bob", "b1")}, kNowMs)
                  .has_value());
  const auto a1 = store_->due(kNowMs, 10).value().at(0);
  ASSERT_TRUE(store_->reschedule(a1.id, kNowMs + 5000).has_value());
  EXPECT_THAT(texts(store_->due(kNowMs + 4999, 10).value()), ElementsAre("b1"));
  auto later = store_->due(kNowMs + 5000, 10).value();
  EXPECT_THAT(texts(later), ElementsAre("a1", "b1"));
  EXPECT_EQ(later.at(0).attempts, 1);
  EXPECT_EQ(later.at(0).not_before_ms, kNowMs + 5000);
  ASSERT_TRUE(store_->reschedule(a1.id, kNowMs + 6000).has_value());
  EXPECT_EQ(store_->due(kNowMs + 6000, 10).value().at(0).attempts, 2);
}

TEST_P(OutboxContract, IdsFollowTheCommitOrderAndAreNeverReused) {
  const auto user = new_user();
  ASSERT_TRUE(store_->enqueue(user, {to("alice", "a1")}, kNowMs).has_value());
  const auto first = store_->due(kNowMs, 10).value().at(0).id;
  ASSERT_TRUE(store_->mark_sent(first).has_value());
  ASSERT_TRUE(store_->enqueue(user, {to("alice", "a2")}, kNowMs).has_value());
  // A receiver drops a repeated id as a duplicate: a new message must not get an old one.
  EXPECT_GT(store_->due(kNowMs, 10).value().at(0).id, first);
}

TEST_P(OutboxContract, EnqueueingForNobodyQueuesNothing) {
  EXPECT_EQ(store_->enqueue("no-such-user", {to("alice", "a1")}, kNowMs).error(), errc::not_found);
  EXPECT_TRUE(store_->enqueue(new_user(), {}, kNowMs).has_value());
  EXPECT_EQ(store_->depth()->queued, 0);
}

TEST_P(OutboxContract, DepthCountsEveryMessageAndKnowsTheOldest) {
  const auto user = new_user();
  ASSERT_TRUE(store_->enqueue(user, {to("alice", "a1")}, kNowMs + 10).has_value());
  ASSERT_TRUE(store_->enqueue(user, {to("alice", "a2"), to("bob", "b1")}, kNowMs + 20).has_value());
  const auto depth = store_->depth().value();
  EXPECT_EQ(depth.queued, 3);
  EXPECT_EQ(depth.oldest_created_at_ms, kNowMs + 10);
}

TEST_P(OutboxContract, ErasingAPersonErasesTheirQueuedMessages) {
  const auto gone = new_user();
  const auto kept = new_user();
  ASSERT_TRUE(store_->enqueue(gone, {to("alice", "a1"), to("alice", "a2")}, kNowMs).has_value());
  ASSERT_TRUE(store_->enqueue(kept, {to("bob", "b1")}, kNowMs).has_value());
  ASSERT_TRUE(store_->erase_user(gone).value());
  EXPECT_THAT(texts(store_->due(kNowMs, 10).value()), ElementsAre("b1"));
  EXPECT_EQ(store_->depth()->queued, 1);
}

TEST_P(OutboxContract, QueuedMessagesOutliveARestart) {
  if (!factory_->persistent()) GTEST_SKIP() << "an in-memory database ends with its store";
  const auto user = new_user();
  auto turn = make_turn(user, 1, "hi", "m1");
  turn.outgoing = {to("alice", "owed")};
  ASSERT_FALSE(commit(turn));
  reopen();
  EXPECT_THAT(texts(store_->due(turn.created_at_ms, 10).value()), ElementsAre("owed"));
}

}  // namespace backcoach::store::testing
