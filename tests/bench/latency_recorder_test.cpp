#include "latency_recorder.h"

#include <gtest/gtest.h>

namespace backcoach::bench {
namespace {

using std::chrono::microseconds;

TEST(LatencyRecorderTest, EmptyRecorderSummarisesToZeros) {
  const auto s = LatencyRecorder().summarise();
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.p99_us, 0u);
  EXPECT_EQ(s.max_us, 0u);
}

TEST(LatencyRecorderTest, PercentilesUseNearestRank) {
  LatencyRecorder r;
  for (int us = 100; us >= 1; --us) r.record(microseconds(us));  // 1..100 in any order
  const auto s = r.summarise();
  EXPECT_EQ(s.count, 100u);
  EXPECT_EQ(s.p50_us, 50u);
  EXPECT_EQ(s.p90_us, 90u);
  EXPECT_EQ(s.p99_us, 99u);
  EXPECT_EQ(s.max_us, 100u);
  EXPECT_DOUBLE_EQ(s.mean_us, 50.5);
}

TEST(LatencyRecorderTest, OneSlowTurnShowsOnlyInTheTail) {
  LatencyRecorder r;
  for (int i = 0; i < 999; ++i) r.record(microseconds(200));
  r.record(std::chrono::milliseconds(40));
  const auto s = r.summarise();
  EXPECT_EQ(s.p99_us, 200u);
  EXPECT_EQ(s.max_us, 40000u);
}

TEST(LatencyRecorderTest, ClearForgetsTheWarmUp) {
  LatencyRecorder r;
  r.record(std::chrono::seconds(1));
  r.clear();
  r.record(microseconds(7));
  EXPECT_EQ(r.summarise().max_us, 7u);
}

TEST(LatencyRecorderTest, JsonNamesEveryPercentile) {
  LatencyRecorder r;
  r.record(microseconds(10));
  const auto j = to_json(r.summarise());
  for (const char* key : {"count", "mean", "p50", "p90", "p99", "max"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

}  // namespace
}  // namespace backcoach::bench
