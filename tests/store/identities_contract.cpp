// The Identities contract: what every backend's identities must do. It runs on
// the StoreContract fixture's backends (instantiated in sqlite_store_test.cpp).
#include <gmock/gmock.h>

#include <future>
#include <set>
#include <thread>
#include <vector>

#include "store_contract.h"

namespace backcoach::store::testing {

namespace {

const Identity kKiosk{"bot:kiosk", "person-7"};

}  // namespace

TEST_P(IdentitiesContract, AnIdentityLeadsToOnePersonEveryTime) {
  auto first = store_->resolve_identity(kKiosk, kNowMs);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_TRUE(first->created);
  EXPECT_TRUE(store_->user_exists(first->user_id).value());
  EXPECT_EQ(store_->load_conversation(first->user_id)->turns, 0);
  auto again = store_->resolve_identity(kKiosk, kNowMs + 1);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->user_id, first->user_id);
  EXPECT_EQ(store_->find_identity(kKiosk).value(), first->user_id);
}

TEST_P(IdentitiesContract, TheSameIdOnAnotherChannelIsSomeoneElse) {
  const auto a = store_->resolve_identity(kKiosk, kNowMs)->user_id;
  const auto b = store_->resolve_identity({"bot:clinic", kKiosk.external_id}, kNowMs)->user_id;
  const auto c = store_->resolve_identity({kKiosk.channel, "person-8"}, kNowMs)->user_id;
  EXPECT_EQ((std::set<std::string>{a, b, c}).size(), 3u);
}

TEST_P(IdentitiesContract, FindingNeverCreates) {
  EXPECT_FALSE(store_->find_identity(kKiosk).value().has_value());
  EXPECT_FALSE(store_->find_identity(kKiosk).value().has_value());
  EXPECT_EQ(store_->stats()->users, 0);
}

TEST_P(IdentitiesContract, LinkingJoinsAChannelToAnExistingPerson) {
  const auto user = store_->resolve_identity(kKiosk, kNowMs)->user_id;
  const Identity telegram{"telegram", "123456"};
  ASSERT_TRUE(store_->link_identity(telegram, user, kNowMs).has_value());
  EXPECT_EQ(store_->find_identity(telegram).value(), user);
  EXPECT_THAT(store_->identities_of(user).value(), ::testing::SizeIs(2));
  const auto other = new_user();
  EXPECT_EQ(store_->link_identity(telegram, other, kNowMs).error(), errc::duplicate);
  EXPECT_EQ(store_->link_identity({"telegram", "99"}, "no-such-user", kNowMs).error(),
            errc::not_found);
}

// The export says by which channels the person is known: each identity with what its id
// is and when it became theirs; after the erase there is nothing to export.
TEST_P(IdentitiesContract, TheExportListsEveryIdentityAndTheEraseRemovesThem) {
  const auto user = store_->resolve_identity(kKiosk, kNowMs)->user_id;
  ASSERT_TRUE(store_->link_identity({"telegram", "123456"}, user, kNowMs + 1000).has_value());
  const auto exported = store_->export_user(user);
  ASSERT_TRUE(exported.has_value());
  EXPECT_EQ(exported->at("identities"), nlohmann::json::parse(R"([
              {"channel": "bot:kiosk", "kind": "bot_user_id", "bot": "kiosk",
               "external_id": "person-7", "linked_at": "2024-05-01T12:00:00.000Z"},
              {"channel": "telegram", "kind": "telegram_chat_id", "external_id": "123456",
               "linked_at": "2024-05-01T12:00:01.000Z"}])"));
  ASSERT_TRUE(store_->erase_user(user).value());
  EXPECT_EQ(store_->export_user(user).error(), errc::not_found);
  EXPECT_TRUE(store_->identities_of(user).value().empty());
}

TEST_P(IdentitiesContract, ErasingThePersonErasesEveryIdentity) {
  const auto user = store_->resolve_identity(kKiosk, kNowMs)->user_id;
  ASSERT_TRUE(store_->link_identity({"telegram", "123456"}, user, kNowMs).has_value());
  ASSERT_TRUE(store_->erase_user(user).value());
  EXPECT_TRUE(store_->identities_of(user).value().empty());
  EXPECT_FALSE(store_->find_identity(kKiosk).value().has_value());
  EXPECT_FALSE(store_->find_identity({"telegram", "123456"}).value().has_value());
  // The channel's next message starts over as a new person.
  auto next = store_->resolve_identity(kKiosk, kNowMs);
  EXPECT_TRUE(next->created);
  EXPECT_NE(next->user_id, user);
}

TEST_P(IdentitiesContract, RacingFirstMessagesMakeOnePerson) {
  constexpr int kRacers = 8;
  std::vector<std::future<result<Identities::Resolved>>> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.push_back(std::async(std::launch::async,
                                [this] { return store_->resolve_identity(kKiosk, kNowMs); }));
  }
  std::set<std::string> users;
  int created = 0;
  for (auto& r : racers) {
    auto resolved = r.get();
    ASSERT_TRUE(resolved.has_value());
    users.insert(resolved->user_id);
    created += resolved->created ? 1 : 0;
  }
  EXPECT_EQ(users.size(), 1u);
  EXPECT_EQ(created, 1);
}

TEST_P(IdentitiesContract, IdentitiesOutliveARestart) {
  if (!factory_->persistent()) GTEST_SKIP() << "an in-memory database ends with its store";
  const auto user = store_->resolve_identity(kKiosk, kNowMs)->user_id;
  reopen();
  EXPECT_EQ(store_->find_identity(kKiosk).value(), user);
}

}  // namespace backcoach::store::testing
