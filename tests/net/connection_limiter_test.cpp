#include "net/connection_limiter.h"

#include <vector>

#include <gtest/gtest.h>

namespace backcoach::net {
namespace {

using Verdict = ConnectionLimiter::Verdict;

TEST(ConnectionLimiter, CapsPerAddressAndInAll) {
  ConnectionLimiter limiter(3, 2);
  auto a1 = limiter.admit("10.0.0.1");
  auto a2 = limiter.admit("10.0.0.1");
  EXPECT_EQ(a1.first, Verdict::admitted);
  EXPECT_EQ(a2.first, Verdict::admitted);
  auto a3 = limiter.admit("10.0.0.1");
  EXPECT_EQ(a3.first, Verdict::over_per_address);
  EXPECT_FALSE(a3.second);
  auto b1 = limiter.admit("10.0.0.2");
  EXPECT_EQ(b1.first, Verdict::admitted);
  EXPECT_EQ(limiter.admit("10.0.0.3").first, Verdict::over_total);
  EXPECT_EQ(limiter.open(), 3u);
}

TEST(ConnectionLimiter, DroppingATicketFreesItsPlace) {
  ConnectionLimiter limiter(1, 1);
  {
    auto t = limiter.admit("a");
    EXPECT_EQ(limiter.admit("a").first, Verdict::over_total);
    ConnectionLimiter::Ticket moved = std::move(t.second);
    EXPECT_EQ(limiter.open(), 1u);
  }
  EXPECT_EQ(limiter.open(), 0u);
  EXPECT_EQ(limiter.admit("a").first, Verdict::admitted);
}

}  // namespace
}  // namespace backcoach::net
