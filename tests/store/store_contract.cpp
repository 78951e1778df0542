#include "store_contract.h"

#include <gmock/gmock.h>

#include <algorithm>
#include <cctype>
#include <future>
#include <vector>

#include "commit_waiters.h"

namespace backcoach::store::testing {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::Pair;

void StoreContract::SetUp() {
  factory_ = GetParam().make_factory();
  store_ = factory_->open({});
  ASSERT_NE(store_, nullptr);
}

void StoreContract::TearDown() {
  if (store_) store_->close();
}

void StoreContract::reopen(const StoreHooks& hooks) {
  if (store_) store_->close();
  store_.reset();
  store_ = factory_->open(hooks);
  ASSERT_NE(store_, nullptr);
}

boost::system::error_code StoreContract::commit(TurnRecord turn) {
  std::promise<boost::system::error_code> done;
  auto committed = done.get_future();
  store_->append_turn(std::move(turn),
                      [&done](boost::system::error_code ec) { done.set_value(ec); });
  return committed.get();
}

std::string StoreContract::new_user() {
  auto id = store_->create_user(kNowMs);
  EXPECT_TRUE(id.has_value()) << id.error().message();
  return id.has_value() ? *id : std::string();
}

TurnRecord StoreContract::make_turn(const std::string& user, std::int64_t n, std::string text,
                                    std::string client_msg_id) {
  TurnRecord t;
  t.user_id = user;
  t.client_msg_id = std::move(client_msg_id);
  t.turn_no = n;
  t.channel = "ws";
  t.user_text = std::move(text);
  t.intents = json::array({"pain_report"});
  t.messages = json::array(
      {json{{"text", "reply " + std::to_string(n) + "a"}},
       json{{"text", "reply " + std::to_string(n) + "b"}, {"quick_replies", {"yes", "no"}}}});
  t.state = json{{"turn", n}};
  t.created_at_ms = kNowMs + n * 1000;
  return t;
}

std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

void PrintTo(const StoreBackend& backend, std::ostream* os) { *os << backend.name; }

TEST_P(StoreContract, NewUserHasFreshIdAndEmptyConversation) {
  const std::string a = new_user();
  const std::string b = new_user();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_TRUE(std::all_of(a.begin(), a.end(), [](char c) { return std::isxdigit(c) != 0; }));
  EXPECT_NE(a, b);
  EXPECT_EQ(store_->user_exists(a).value(), true);
  EXPECT_EQ(store_->user_exists("no-such-user").value(), false);
  auto conversation = store_->load_conversation(a);
  ASSERT_TRUE(conversation.has_value());
  EXPECT_EQ(conversation->turns, 0);
  EXPECT_TRUE(conversation->state.is_null());
}

TEST_P(StoreContract, UnknownUserIsNotFound) {
  EXPECT_EQ(store_->load_conversation("nobody").error(), errc::not_found);
  EXPECT_EQ(store_->recent_messages("nobody", 10).error(), errc::not_found);
  EXPECT_EQ(store_->export_user("nobody").error(), errc::not_found);
  EXPECT_EQ(commit(make_turn("nobody", 1, "hi")), errc::not_found);
}

TEST_P(StoreContract, ConversationResumesWhereTheLastTurnLeftIt) {
  const std::string user = new_user();
  ASSERT_FALSE(commit(make_turn(user, 1, "my back hurts", "m1")));
  ASSERT_FALSE(commit(make_turn(user, 2, "since monday", "m2")));
  auto conversation = store_->load_conversation(user);
  ASSERT_TRUE(conversation.has_value());
  EXPECT_EQ(conversation->turns, 2);
  EXPECT_EQ(conversation->state, (json{{"turn", 2}}));
}

TEST_P(StoreContract, FindTurnReturnsEveryFieldAsCommitted) {
  const std::string user = new_user();
  TurnRecord turn = make_turn(user, 1, "numbness in my groin", "c-1");
  turn.tier = "emergency";
  turn.flags = {"saddle_anaesthesia"};
  turn.new_flags = {"saddle_anaesthesia"};
  turn.exercises = {"pelvic_tilt", "knee_to_chest"};
  ASSERT_FALSE(commit(turn));
  auto found = store_->find_turn(user, "c-1");
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->has_value());
  const TurnRecord& got = **found;
  EXPECT_EQ(got.user_id, user);
  EXPECT_EQ(got.client_msg_id, "c-1");
  EXPECT_EQ(got.turn_no, 1);
  EXPECT_EQ(got.channel, "ws");
  EXPECT_EQ(got.user_text, "numbness in my groin");
  EXPECT_EQ(got.intents, turn.intents);
  EXPECT_EQ(got.messages, turn.messages);
  EXPECT_EQ(got.tier, std::optional<std::string>("emergency"));
  EXPECT_EQ(got.flags, turn.flags);
  EXPECT_EQ(got.new_flags, turn.new_flags);
  EXPECT_EQ(got.exercises, turn.exercises);
  EXPECT_EQ(got.state, turn.state);
  EXPECT_EQ(got.created_at_ms, turn.created_at_ms);
  EXPECT_FALSE(store_->find_turn(user, "c-2").value().has_value());
  EXPECT_FALSE(store_->find_turn(user, "").value().has_value());
}

TEST_P(StoreContract, DuplicateClientMessageIdIsStoredOnce) {
  const std::string user = new_user();
  const std::string other = new_user();
  ASSERT_FALSE(commit(make_turn(user, 1, "first", "same-id")));
  EXPECT_EQ(commit(make_turn(user, 2, "resent", "same-id")), errc::duplicate);
  // The id is unique per user only, and turns without an id never clash.
  EXPECT_FALSE(commit(make_turn(other, 1, "first", "same-id")));
  EXPECT_FALSE(commit(make_turn(user, 2, "checkin a")));
  EXPECT_FALSE(commit(make_turn(user, 3, "checkin b")));

  EXPECT_EQ(store_->find_turn(user, "same-id").value()->user_text, "first");
  EXPECT_EQ(store_->load_conversation(user)->turns, 3);
  EXPECT_EQ(store_->export_user(user).value()["turns"].size(), 3u);
}

TEST_P(StoreContract, DuplicateInOneBatchFailsAloneAndOthersCommit) {
  const std::string user = new_user();
  WriterGate gate;
  store_->append_turn(make_turn(user, 1, "hold"), gate.blocking_handler());
  gate.wait_entered();
  Outcomes outcomes(4);
  store_->append_turn(make_turn(user, 2, "a", "x"), outcomes.handler("a"));
  store_->append_turn(make_turn(user, 3, "a again", "x"), outcomes.handler("dup"));
  store_->append_turn(make_turn("nobody", 1, "lost"), outcomes.handler("unknown"));
  store_->append_turn(make_turn(user, 3, "b", "y"), outcomes.handler("b"));
  gate.release();
  auto seen = outcomes.wait();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], std::make_pair(std::string("a"), boost::system::error_code()));
  EXPECT_EQ(seen[1], std::make_pair(std::string("dup"), make_error_code(errc::duplicate)));
  EXPECT_EQ(seen[2], std::make_pair(std::string("unknown"), make_error_code(errc::not_found)));
  EXPECT_EQ(seen[3], std::make_pair(std::string("b"), boost::system::error_code()));
  EXPECT_EQ(store_->load_conversation(user)->turns, 3);
  EXPECT_EQ(store_->find_turn(user, "x").value()->user_text, "a");
}

TEST_P(StoreContract, RecentMessagesAreTheLastOnesOldestFirst) {
  const std::string user = new_user();
  TurnRecord opening = make_turn(user, 0, "");  // the greeting: bot messages only
  opening.messages = json::array({json{{"text", "hello"}}});
  ASSERT_FALSE(commit(opening));
  for (int n = 1; n <= 3; ++n) {
    ASSERT_FALSE(commit(make_turn(user, n, "user " + std::to_string(n))));
  }
  auto texts = [&](int limit) {
    std::vector<std::string> out;
    for (const auto& m : store_->recent_messages(user, limit).value()) {
      out.push_back(m.from + ":" + m.message.value("text", ""));
    }
    return out;
  };
  EXPECT_THAT(texts(4), ElementsAre("bot:reply 2b", "user:user 3", "bot:reply 3a", "bot:reply 3b"));
  EXPECT_EQ(texts(100).size(), 10u);
  EXPECT_EQ(texts(100).front(), "bot:hello");
  EXPECT_TRUE(texts(0).empty());

  auto last = store_->recent_messages(user, 1).value();
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].turn_no, 3);
  EXPECT_EQ(last[0].at_ms, kNowMs + 3000);
  EXPECT_EQ(last[0].message["quick_replies"], json::array({"yes", "no"}));
}

TEST_P(StoreContract, ExportHoldsTheWholeRecord) {
  const std::string user = new_user();
  TurnRecord turn = make_turn(user, 1, "it shoots down my leg", "e1");
  turn.tier = "urgent";
  turn.flags = {"sciatica_with_weakness"};
  turn.new_flags = {"sciatica_with_weakness"};
  turn.exercises = {"cat_cow"};
  ASSERT_FALSE(commit(turn));
  ASSERT_FALSE(commit(make_turn(user, 2, "ok")));

  const json doc = store_->export_user(user).value();
  EXPECT_EQ(doc["user"]["id"], user);
  EXPECT_EQ(doc["user"]["created_at"], "2024-05-01T12:00:00.000Z");
  EXPECT_EQ(doc["conversation"]["turns"], 2);
  ASSERT_EQ(doc["turns"].size(), 2u);
  const json& first = doc["turns"][0];
  EXPECT_EQ(first["text"], "it shoots down my leg");
  EXPECT_EQ(first["client_msg_id"], "e1");
  EXPECT_EQ(first["intents"], turn.intents);
  EXPECT_EQ(first["messages"], turn.messages);
  EXPECT_EQ(first["tier"], "urgent");
  EXPECT_EQ(first["flags"], json::array({"sciatica_with_weakness"}));
  EXPECT_EQ(first["exercises"], json::array({"cat_cow"}));
  EXPECT_EQ(first["created_at"], "2024-05-01T12:00:01.000Z");
  EXPECT_EQ(doc["turns"][1]["client_msg_id"], nullptr);
  EXPECT_EQ(doc["flags_raised"],
            json::parse(R"([{"flag":"sciatica_with_weakness","tier":"urgent","turn_no":1,
                             "raised_at":"2024-05-01T12:00:01.000Z"}])"));
  EXPECT_EQ(doc["exercises_recommended"], json::parse(R"([{"exercise":"cat_cow","turn_no":1,
                             "recommended_at":"2024-05-01T12:00:01.000Z"}])"));
}

TEST_P(StoreContract, EraseRemovesTheUserAndNobodyElse) {
  const std::string gone = new_user();
  const std::string kept = new_user();
  TurnRecord turn = make_turn(gone, 1, "numb", "g1");
  turn.new_flags = {"saddle_anaesthesia"};
  turn.tier = "emergency";
  turn.exercises = {"cat_cow"};
  ASSERT_FALSE(commit(turn));
  ASSERT_FALSE(commit(make_turn(kept, 1, "fine", "k1")));

  EXPECT_EQ(store_->erase_user(gone).value(), true);
  EXPECT_EQ(store_->user_exists(gone).value(), false);
  EXPECT_EQ(store_->export_user(gone).error(), errc::not_found);
  EXPECT_FALSE(store_->find_turn(gone, "g1").value().has_value());
  EXPECT_EQ(store_->erase_user(gone).value(), false);

  EXPECT_EQ(store_->load_conversation(kept)->turns, 1);
  const Stats s = store_->stats().value();
  EXPECT_EQ(s.users, 1);
  EXPECT_EQ(s.turns, 1);
  EXPECT_TRUE(s.flags_by_tier.empty());
}

TEST_P(StoreContract, EraseIdleRemovesThoseIdleSinceBeforeTheCutOffAsEraseDoes) {
  const std::string idle = new_user();  // created at kNowMs, silent since
  const std::string spoke = new_user();
  const std::string active = new_user();
  TurnRecord old_turn = make_turn(spoke, 1, "numb", "s1");  // at kNowMs + 1 s
  old_turn.new_flags = {"saddle_anaesthesia"};
  old_turn.tier = "emergency";
  old_turn.exercises = {"cat_cow"};
  ASSERT_FALSE(commit(old_turn));
  TurnRecord recent = make_turn(active, 1, "better", "a1");
  recent.created_at_ms = kNowMs + 10'000;
  ASSERT_FALSE(commit(recent));

  // Strictly before the cut-off: a conversation last active at it stays.
  EXPECT_EQ(store_->erase_idle(kNowMs, 100).value(), 0);
  EXPECT_EQ(store_->erase_idle(kNowMs + 1'000, 100).value(), 1);
  EXPECT_EQ(store_->user_exists(idle).value(), false);
  EXPECT_EQ(store_->erase_idle(kNowMs + 10'000, 100).value(), 1);
  EXPECT_EQ(store_->export_user(spoke).error(), errc::not_found);
  EXPECT_FALSE(store_->find_turn(spoke, "s1").value().has_value());

  EXPECT_EQ(store_->load_conversation(active)->turns, 1);
  const Stats s = store_->stats().value();
  EXPECT_EQ(s.users, 1);
  EXPECT_EQ(s.turns, 1);
  EXPECT_TRUE(s.flags_by_tier.empty());  // the erased person's flags went with them
}

TEST_P(StoreContract, EraseIdleTakesAtMostTheGivenNumberLongestIdleFirst) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(store_->create_user(kNowMs + i).value());
  EXPECT_EQ(store_->erase_idle(kNowMs + 100, 2).value(), 2);
  EXPECT_EQ(store_->user_exists(ids[0]).value(), false);
  EXPECT_EQ(store_->user_exists(ids[1]).value(), false);
  EXPECT_EQ(store_->user_exists(ids[2]).value(), true);
  EXPECT_EQ(store_->erase_idle(kNowMs + 100, 2).value(), 2);
  EXPECT_EQ(store_->erase_idle(kNowMs + 100, 2).value(), 1);
  EXPECT_EQ(store_->stats()->users, 0);
}

TEST_P(StoreContract, StatsCountUsersTurnsAndFlagsByTier) {
  const std::string a = new_user();
  const std::string b = new_user();
  new_user();
  TurnRecord t1 = make_turn(a, 1, "numb", "1");
  t1.tier = "emergency";
  t1.new_flags = {"saddle_anaesthesia", "bladder_change"};
  TurnRecord t2 = make_turn(b, 1, "fever", "1");
  t2.tier = "urgent";
  t2.new_flags = {"fever"};
  ASSERT_FALSE(commit(t1));
  ASSERT_FALSE(commit(t2));
  ASSERT_FALSE(commit(make_turn(b, 2, "ok", "2")));
  const Stats s = store_->stats().value();
  EXPECT_EQ(s.users, 3);
  EXPECT_EQ(s.turns, 3);
  EXPECT_THAT(s.flags_by_tier, ElementsAre(Pair("emergency", 2), Pair("urgent", 1)));
}

TEST_P(StoreContract, ReopenedStoreHasEverythingCommitted) {
  if (!factory_->persistent()) GTEST_SKIP() << "this backend does not outlive its store";
  const std::string user = new_user();
  TurnRecord turn = make_turn(user, 1, "stiff in the morning", "r1");
  turn.exercises = {"cat_cow"};
  ASSERT_FALSE(commit(turn));
  ASSERT_FALSE(commit(make_turn(user, 2, "better", "r2")));
  const json before = store_->export_user(user).value();

  reopen();
  EXPECT_EQ(store_->export_user(user).value(), before);
  auto conversation = store_->load_conversation(user).value();
  EXPECT_EQ(conversation.turns, 2);
  EXPECT_EQ(conversation.state, (json{{"turn", 2}}));
  EXPECT_EQ(commit(make_turn(user, 3, "resent", "r2")), errc::duplicate);
}

}  // namespace backcoach::store::testing
