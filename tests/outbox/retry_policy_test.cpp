#include "outbox/retry_policy.h"

#include <gtest/gtest.h>

namespace backcoach::outbox {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, DoublesFromTheFirstWaitUpToTheLongest) {
  const RetryPolicy policy{milliseconds(1000), milliseconds(8000), milliseconds(60'000)};
  // unit_random 0.5: three quarters of each nominal wait.
  EXPECT_EQ(backoff(policy, 1, 0.5), milliseconds(750));
  EXPECT_EQ(backoff(policy, 2, 0.5), milliseconds(1500));
  EXPECT_EQ(backoff(policy, 3, 0.5), milliseconds(3000));
  EXPECT_EQ(backoff(policy, 4, 0.5), milliseconds(6000));
  EXPECT_EQ(backoff(policy, 5, 0.5), milliseconds(6000));    // capped at 8 s nominal
  EXPECT_EQ(backoff(policy, 500, 0.5), milliseconds(6000));  // no overflow far out
}

TEST(Backoff, JitterKeepsEachWaitBetweenHalfAndAllOfItsNominalLength) {
  const RetryPolicy policy{milliseconds(1000), milliseconds(600'000), milliseconds(60'000)};
  EXPECT_EQ(backoff(policy, 3, 0.0), milliseconds(2000));
  EXPECT_EQ(backoff(policy, 3, 0.999), milliseconds(3998));
  // Two messages that failed together come back at different moments.
  EXPECT_NE(backoff(policy, 3, 0.1), backoff(policy, 3, 0.9));
  // Out-of-range randomness is clamped rather than trusted.
  EXPECT_EQ(backoff(policy, 3, -5), milliseconds(2000));
  EXPECT_EQ(backoff(policy, 3, 7), milliseconds(4000));
}

}  // namespace
}  // namespace backcoach::outbox
