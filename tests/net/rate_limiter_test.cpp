#include "net/rate_limiter.h"

#include <gtest/gtest.h>

namespace backcoach::net {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

TEST(RateLimiter, AllowsTwentyInTenSecondsThenRefuses) {
  RateLimiter limiter(20, 10s);
  const Clock::time_point t0{};
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.allow(t0 + i * 100ms)) << i;
  EXPECT_FALSE(limiter.allow(t0 + 2s));
  EXPECT_FALSE(limiter.allow(t0 + 9999ms));
}

TEST(RateLimiter, TheWindowSlides) {
  RateLimiter limiter(3, 10s);
  const Clock::time_point t0{};
  EXPECT_TRUE(limiter.allow(t0));
  EXPECT_TRUE(limiter.allow(t0 + 4s));
  EXPECT_TRUE(limiter.allow(t0 + 8s));
  EXPECT_FALSE(limiter.allow(t0 + 9s));
  EXPECT_TRUE(limiter.allow(t0 + 10s));   // the first left the window
  EXPECT_FALSE(limiter.allow(t0 + 13s));  // the one at 4 s has not
  EXPECT_TRUE(limiter.allow(t0 + 14s));
}

TEST(RateLimiter, RefusedEventsDoNotCount) {
  RateLimiter limiter(1, 10s);
  const Clock::time_point t0{};
  EXPECT_TRUE(limiter.allow(t0));
  for (int i = 1; i < 10; ++i) EXPECT_FALSE(limiter.allow(t0 + i * 1s));
  EXPECT_TRUE(limiter.allow(t0 + 10s));
}

TEST(RateLimiter, ZeroAllowsNothing) {
  RateLimiter limiter(0, 10s);
  EXPECT_FALSE(limiter.allow(Clock::time_point{}));
}

}  // namespace
}  // namespace backcoach::net
