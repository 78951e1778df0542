#include "net/new_user_limiter.h"

#include <gtest/gtest.h>

#include <string>

namespace backcoach::net {
namespace {

using namespace std::chrono_literals;
using Clock = NewUserLimiter::Clock;

TEST(NewUserLimiter, ABurstFromOneAddressIsCutOffAtTheLimit) {
  NewUserLimiter limiter(5, 10min);  // 5 at once, then one every 2 minutes
  const Clock::time_point t0{};
  int allowed = 0;
  for (int i = 0; i < 200; ++i) allowed += limiter.allow("203.0.113.7", t0 + i * 2ms) ? 1 : 0;
  EXPECT_EQ(allowed, 5);
}

TEST(NewUserLimiter, OtherAddressesHaveTheirOwnAllowance) {
  NewUserLimiter limiter(2, 10min);
  const Clock::time_point t0{};
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("b", t0));
}

TEST(NewUserLimiter, TheAllowanceComesBackOverTheWindow) {
  NewUserLimiter limiter(5, 10min);
  const Clock::time_point t0{};
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0 + 1min));
  EXPECT_TRUE(limiter.allow("a", t0 + 2min));  // one back every window / limit
  EXPECT_FALSE(limiter.allow("a", t0 + 2min));
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.allow("a", t0 + 30min)) << i;  // full again
  EXPECT_FALSE(limiter.allow("a", t0 + 30min));
}

TEST(NewUserLimiter, ForgetsAddressesThatAreFullAgain) {
  NewUserLimiter limiter(1, 1s);
  const Clock::time_point t0{};
  for (int i = 0; i < 10000; ++i) limiter.allow("10.0." + std::to_string(i), t0);
  EXPECT_TRUE(limiter.allow("late", t0 + 1h));
  EXPECT_LE(limiter.tracked(), NewUserLimiter::kForgetAbove);
}

TEST(NewUserLimiter, ZeroAllowsNothing) {
  NewUserLimiter limiter(0, 10min);
  EXPECT_FALSE(limiter.allow("a", Clock::time_point{}));
}

}  // namespace
}  // namespace backcoach::net
