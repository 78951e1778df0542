// The LinkCodes contract: one-time codes that join a channel to a person (the widget's
// "continue on Telegram"). Runs on the StoreContract fixture's backends.
#include <gmock/gmock.h>

#include "store_contract.h"

namespace backcoach::store::testing {
namespace {

const Identity kChat{"telegram", "4242"};
constexpr std::int64_t kTenMinutes = 10 * 60 * 1000;

}  // namespace

TEST_P(LinkCodesContract, ACodeJoinsTheChatToItsPersonOnce) {
  const auto person = new_user();
  ASSERT_TRUE(store_->add_link_code("code-A", person, kNowMs + kTenMinutes, kNowMs).has_value());
  auto linked = store_->redeem_link_code("code-A", kChat, kNowMs + 1000);
  ASSERT_TRUE(linked.has_value()) << linked.error().message();
  EXPECT_EQ(*linked, person);
  EXPECT_EQ(store_->find_identity(kChat).value(), person);
  // Used: a second use (the same link opened again, or by someone else) fails.
  EXPECT_EQ(store_->redeem_link_code("code-A", {"telegram", "99"}, kNowMs + 2000).error(),
            errc::not_found);
  EXPECT_FALSE(store_->find_identity({"telegram", "99"}).value().has_value());
}

TEST_P(LinkCodesContract, AnExpiredOrUnknownCodeLinksNothing) {
  const auto person = new_user();
  ASSERT_TRUE(store_->add_link_code("code-B", person, kNowMs + kTenMinutes, kNowMs).has_value());
  EXPECT_EQ(store_->redeem_link_code("code-B", kChat, kNowMs + kTenMinutes).error(),
            errc::not_found);
  EXPECT_EQ(store_->redeem_link_code("code-b", kChat, kNowMs).error(), errc::not_found);
  EXPECT_FALSE(store_->find_identity(kChat).value().has_value());
}

TEST_P(LinkCodesContract, AChatKnownAsSomeoneElseMovesToTheCodesPerson) {
  const auto telegram_only = store_->resolve_identity(kChat, kNowMs)->user_id;
  const auto widget_person = new_user();
  ASSERT_TRUE(store_->set_chat_stopped(4242, true, kNowMs).has_value());
  ASSERT_TRUE(
      store_->add_link_code("code-C", widget_person, kNowMs + kTenMinutes, kNowMs).has_value());
  EXPECT_EQ(store_->redeem_link_code("code-C", kChat, kNowMs).value(), widget_person);
  EXPECT_EQ(store_->find_identity(kChat).value(), widget_person);
  EXPECT_TRUE(store_->identities_of(telegram_only).value().empty());
  EXPECT_TRUE(store_->user_exists(telegram_only).value());  // their record stays as it was
  EXPECT_TRUE(store_->chat(4242)->stopped);                 // the chat's marks go along
}

TEST_P(LinkCodesContract, ErasingThePersonVoidsTheirCodes) {
  const auto person = new_user();
  ASSERT_TRUE(store_->add_link_code("code-D", person, kNowMs + kTenMinutes, kNowMs).has_value());
  ASSERT_TRUE(store_->erase_user(person).value());
  EXPECT_EQ(store_->redeem_link_code("code-D", kChat, kNowMs).error(), errc::not_found);
  EXPECT_FALSE(store_->find_identity(kChat).value().has_value());
  EXPECT_EQ(store_->add_link_code("code-E", person, kNowMs + 1, kNowMs).error(), errc::not_found);
}

TEST_P(LinkCodesContract, CodesOutliveARestart) {
  if (!factory_->persistent()) GTEST_SKIP() << "an in-memory database ends with its store";
  const auto person = new_user();
  ASSERT_TRUE(store_->add_link_code("code-F", person, kNowMs + kTenMinutes, kNowMs).has_value());
  reopen();
  EXPECT_EQ(store_->redeem_link_code("code-F", kChat, kNowMs).value(), person);
}

}  // namespace backcoach::store::testing
