#include "coach/routine_today.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace backcoach::coach {
namespace {

using nlohmann::json;

// The routine for today from the real rules: what GET /v1/me/routine shows in the widget.
class RoutineTodayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                          std::string(BACKCOACH_SOURCE_DIR) + "/intents");
    ASSERT_TRUE(loaded.ok());
    rules_ = loaded.rules;
  }
  static void TearDownTestSuite() { rules_.reset(); }

  static json state(json fields) {
    json s = {{"tier", "self_care"}, {"routine", json::array()}};
    s.update(fields);
    return s;
  }

  static inline std::shared_ptr<const dialogue::RuleSet> rules_;
};

TEST_F(RoutineTodayTest, ListsTheRecommendedExercisesWithTheirHoldsAndTheLevel) {
  const auto r =
      routine_today(state({{"routine", {"knee_to_chest", "cat_cow"}}, {"level", 3}}), *rules_);
  ASSERT_EQ(r["exercises"].size(), 2u);
  EXPECT_EQ(r["exercises"][0]["id"], "knee_to_chest");
  EXPECT_EQ(r["exercises"][0]["name"], rules_->exercise_card("knee_to_chest")["name"]);
  EXPECT_EQ(r["exercises"][0]["hold_seconds"],
            rules_->exercise_card("knee_to_chest")["hold_seconds"]);
  EXPECT_EQ(r["exercises"][1]["id"], "cat_cow");
  EXPECT_EQ(r["level"]["number"], 3);
  EXPECT_EQ(r["level"]["of"], 3);
  EXPECT_EQ(r["level"]["name"], "more repetitions");
  EXPECT_FALSE(r["level"]["dose"].get<std::string>().empty());
  EXPECT_EQ(r["paused"], false);
}

TEST_F(RoutineTodayTest, AFirstRoutineIsAtTheStartLevel) {
  // level 0: no check-in has moved it yet (and states saved before progression have none)
  for (const json& s : {state({{"routine", {"childs_pose"}}, {"level", 0}}),
                        state({{"routine", {"childs_pose"}}})}) {
    EXPECT_EQ(routine_today(s, *rules_)["level"], rules_->routine_level(0)) << s.dump();
  }
  EXPECT_EQ(rules_->routine_level(0)["number"], 2);  // rules/progression.yaml start: 2
}

TEST_F(RoutineTodayTest, NoRoutineYetHasNoLevel) {
  const auto r = routine_today(state(json::object()), *rules_);
  EXPECT_TRUE(r["exercises"].empty());
  EXPECT_TRUE(r["level"].is_null());
  EXPECT_TRUE(routine_today(json(), *rules_)["level"].is_null());  // no conversation yet
}

TEST_F(RoutineTodayTest, AReferralPausesTheRoutine) {
  for (const char* tier : {"soon", "urgent", "emergency"}) {
    const auto r = routine_today(state({{"tier", tier}, {"routine", {"knee_to_chest"}}}), *rules_);
    EXPECT_EQ(r["paused"], true) << tier;
    EXPECT_TRUE(r["exercises"].empty()) << tier;
  }
}

TEST_F(RoutineTodayTest, AnExerciseNoLongerInTheCatalogueIsLeftOut) {
  const auto r = routine_today(state({{"routine", {"retired_stretch", "cat_cow"}}}), *rules_);
  ASSERT_EQ(r["exercises"].size(), 1u);
  EXPECT_EQ(r["exercises"][0]["id"], "cat_cow");
}

}  // namespace
}  // namespace backcoach::coach
