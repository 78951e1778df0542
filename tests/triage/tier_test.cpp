#include "triage/tier.h"

#include <gtest/gtest.h>

namespace backcoach::triage {
namespace {

TEST(Tier, NamesRoundTripAndOnlyRise) {
  for (Tier t : {Tier::kSelfCare, Tier::kSoon, Tier::kUrgent, Tier::kEmergency}) {
    EXPECT_EQ(parse_tier(to_string(t)), t);
  }
  EXPECT_EQ(to_string(Tier::kSelfCare), "self_care");
  EXPECT_EQ(to_string(Tier::kEmergency), "emergency");
  EXPECT_FALSE(parse_tier("critical").has_value());
  EXPECT_EQ(raise(std::nullopt, Tier::kSoon), Tier::kSoon);
  EXPECT_EQ(raise(Tier::kUrgent, Tier::kSoon), Tier::kUrgent);
  EXPECT_EQ(raise(Tier::kSoon, Tier::kEmergency), Tier::kEmergency);
}

}  // namespace
}  // namespace backcoach::triage
