#include "triage/red_flags.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/yaml_diag.h"
#include "condition_test_support.h"

namespace backcoach::triage {
namespace {

using test_support::parse_ok;
using test_support::World;

// A flag's tier can depend on the answers: fracture is an emergency after a fall from
// height and urgent after a minor fall with fragile bones (NICE CKS; Finucane 2020).
FlagDef fracture() {
  FlagDef f;
  f.id = "fracture";
  f.triggers.push_back({Tier::kEmergency, parse_ok("{fact: fall_from_height}")});
  f.triggers.push_back({Tier::kUrgent, parse_ok("{all: [{fact: minor_fall}, {fact: bone_risk}]}")});
  return f;
}

TEST(RedFlags, TheHighestFiringTriggerGivesTheTier) {
  World w;
  EXPECT_FALSE(firing_tier(fracture(), w.ctx()).has_value());
  w.facts.truth["minor_fall"] = true;
  EXPECT_FALSE(firing_tier(fracture(), w.ctx()).has_value()) << "a minor fall alone is no flag";
  w.facts.truth["bone_risk"] = true;
  EXPECT_EQ(firing_tier(fracture(), w.ctx()), Tier::kUrgent);
  w.facts.truth["fall_from_height"] = true;
  EXPECT_EQ(firing_tier(fracture(), w.ctx()), Tier::kEmergency);
}

TEST(RedFlags, ScreenSkipsFlagsAlreadyRaisedAndKeepsDefinitionOrder) {
  FlagDef fever;
  fever.id = "infection";
  fever.triggers.push_back({Tier::kUrgent, parse_ok("{fact: fever}")});
  World w;
  w.facts.truth = {{"fever", true}, {"fall_from_height", true}};
  const std::vector<FlagDef> flags = {fracture(), fever};
  const auto raised = screen(flags, w.ctx(), {});
  ASSERT_EQ(raised.size(), 2u);
  EXPECT_EQ(raised[0].id, "fracture");
  EXPECT_EQ(raised[0].tier, Tier::kEmergency);
  EXPECT_EQ(raised[1].id, "infection");
  const auto again = screen(flags, w.ctx(), {"fracture"});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, "infection");
}

}  // namespace
}  // namespace backcoach::triage
