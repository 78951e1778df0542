#include "net/connection_limiter.h"

#include <gtest/gtest.h>

#include <vector>

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

// A trusted proxy's connections are not capped as the proxy's; each counts for its
// client once the client is known, and that client's cap applies.
TEST(ConnectionLimiter, AProxysConnectionsCountForTheirClients) {
  ConnectionLimiter limiter(10, 1);
  auto p1 = limiter.admit("127.0.0.1", false);
  auto p2 = limiter.admit("127.0.0.1", false);
  auto p3 = limiter.admit("127.0.0.1", false);
  ASSERT_EQ(p3.first, Verdict::admitted);
  EXPECT_EQ(limiter.move(p1.second, "198.51.100.1"), Verdict::admitted);
  EXPECT_EQ(p1.second.address(), "198.51.100.1");
  EXPECT_EQ(limiter.move(p2.second, "198.51.100.1"), Verdict::over_per_address);
  EXPECT_EQ(p2.second.address(), "127.0.0.1");
  EXPECT_EQ(limiter.move(p3.second, "198.51.100.2"), Verdict::admitted);
  EXPECT_EQ(limiter.open(), 3u);
  // The client's place is free again once its connection ends.
  p1.second = {};
  EXPECT_EQ(limiter.move(p2.second, "198.51.100.1"), Verdict::admitted);
  EXPECT_EQ(limiter.open(), 2u);
  // An ordinary client's own connection is still capped at accept.
  EXPECT_EQ(limiter.admit("198.51.100.2").first, Verdict::over_per_address);
}

}  // namespace
}  // namespace backcoach::net
