// The PushSubscriptions contract: the widget's Web Push subscriptions, on the
// StoreContract fixture's backends (instantiated in sqlite_store_test.cpp).
#include <gmock/gmock.h>

#include "store_contract.h"

namespace backcoach::store::testing {
namespace {

PushSubscription browser(const std::string& user, const std::string& endpoint) {
  return {user, endpoint, "BPublicKey" + endpoint.substr(endpoint.size() - 1), "AuthSecret",
          kNowMs};
}

}  // namespace

TEST_P(PushSubscriptionsContract, APersonsBrowsersAreKeptUntilDeleted) {
  const auto user = new_user();
  EXPECT_TRUE(store_->subscriptions_of(user).value().empty());
  const auto phone = browser(user, "https://push.example.net/1");
  const auto laptop = browser(user, "https://push.example.net/2");
  ASSERT_TRUE(store_->put_subscription(phone, kNowMs).has_value());
  ASSERT_TRUE(store_->put_subscription(laptop, kNowMs).has_value());
  EXPECT_THAT(store_->subscriptions_of(user).value(), ::testing::ElementsAre(phone, laptop));
  EXPECT_EQ(store_->find_subscription(laptop.endpoint).value(), laptop);
  EXPECT_EQ(store_->delete_subscriptions(user, phone.endpoint).value(), 1);
  EXPECT_EQ(store_->delete_subscriptions(user, phone.endpoint).value(), 0);
  EXPECT_THAT(store_->subscriptions_of(user).value(), ::testing::ElementsAre(laptop));
  EXPECT_EQ(store_->delete_subscriptions(user, "").value(), 1);  // all of theirs
  EXPECT_FALSE(store_->find_subscription(laptop.endpoint).value().has_value());
  EXPECT_EQ(store_->put_subscription(browser("no-such-user", "https://p/3"), kNowMs).error(),
            errc::not_found);
}

TEST_P(PushSubscriptionsContract, ABrowserRegisteredAgainIsTheLatestPersons) {
  const auto first = new_user(), second = new_user();
  ASSERT_TRUE(store_->put_subscription(browser(first, "https://p/1"), kNowMs).has_value());
  auto again = browser(second, "https://p/1");
  again.auth = "NewSecret";
  ASSERT_TRUE(store_->put_subscription(again, kNowMs + 1).has_value());
  EXPECT_TRUE(store_->subscriptions_of(first).value().empty());
  again.created_at_ms = kNowMs + 1;
  EXPECT_EQ(store_->find_subscription("https://p/1").value(), again);
  // Someone else cannot remove it by naming it.
  EXPECT_EQ(store_->delete_subscriptions(first, "https://p/1").value(), 0);
}

TEST_P(PushSubscriptionsContract, ExportShowsEndpointsWithoutKeysAndEraseRemovesThem) {
  const auto user = new_user();
  ASSERT_TRUE(store_->put_subscription(browser(user, "https://p/1"), kNowMs).has_value());
  const auto exported = store_->export_user(user).value();
  ASSERT_EQ(exported["push_subscriptions"].size(), 1u);
  EXPECT_EQ(exported["push_subscriptions"][0]["endpoint"], "https://p/1");
  EXPECT_EQ(exported["push_subscriptions"][0]["created_at"], "2024-05-01T12:00:00.000Z");
  EXPECT_EQ(exported.dump().find("AuthSecret"), std::string::npos);
  EXPECT_EQ(exported.dump().find("BPublicKey"), std::string::npos);
  ASSERT_TRUE(store_->erase_user(user).value());
  EXPECT_FALSE(store_->find_subscription("https://p/1").value().has_value());
}

}  // namespace backcoach::store::testing
