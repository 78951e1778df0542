// One CTest test per scenario in tests/scenarios/*.yaml (see README.md there). The
// folder is enumerated when the test binary starts, so a new scenario file needs no
// change to the build.
#include "scenario.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <set>

#include "dialogue/engine.h"
#include "dialogue/rule_set.h"

namespace backcoach::scenarios {
namespace {

// The tree whose rules/, intents/ and tests/scenarios/ are run: this build's source tree,
// or BACKCOACH_SCENARIO_ROOT (another checkout of the same code, e.g. a worktree whose
// only changes are data, run without building it again).
std::filesystem::path source_dir() {
  const char* root = std::getenv("BACKCOACH_SCENARIO_ROOT");
  return root && *root ? std::filesystem::path(root) : std::filesystem::path(BACKCOACH_SOURCE_DIR);
}
const std::filesystem::path kSourceDir = source_dir();

class ScenarioTest : public ::testing::TestWithParam<ScenarioRef> {
 protected:
  static void SetUpTestSuite() {
    auto loaded =
        dialogue::load_rule_set((kSourceDir / "rules").string(), (kSourceDir / "intents").string());
    for (const auto& d : loaded.errors) ADD_FAILURE() << d.to_string();
    rules_ = loaded.rules;
  }
  static void TearDownTestSuite() { rules_.reset(); }

  static std::shared_ptr<const dialogue::RuleSet> rules_;
};

std::shared_ptr<const dialogue::RuleSet> ScenarioTest::rules_;

TEST_P(ScenarioTest, Conversation) {
  const ScenarioRef& ref = GetParam();
  ASSERT_TRUE(ref.load_error.empty()) << ref.file.string() << ": " << ref.load_error;
  ASSERT_NE(rules_, nullptr) << "the real rules did not load";
  const dialogue::Engine engine(rules_);
  for (const auto& failure : run_scenario(engine, load_scenario(ref), ref.file.string())) {
    ADD_FAILURE() << failure;
  }
}

std::vector<ScenarioRef> all_scenarios() {
  return list_scenarios(kSourceDir / "tests" / "scenarios");
}

std::string scenario_name(const ::testing::TestParamInfo<ScenarioRef>& p) {
  return test_name(p.param.id);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioTest, ::testing::ValuesIn(all_scenarios()),
                         scenario_name);

TEST(ScenarioFolder, IdsAreUniqueAndThereAreEnough) {
  std::set<std::string> seen;
  const auto all = all_scenarios();
  for (const auto& ref : all) {
    EXPECT_TRUE(seen.insert(test_name(ref.id)).second) << "duplicate scenario id " << ref.id;
  }
  EXPECT_GE(all.size(), 60u);
}

TEST(ScenarioRunner, DecodesRawByteEscapes) {
  EXPECT_EQ(decode_raw("a\\xffb"), std::string("a\xff") + "b");
  EXPECT_EQ(decode_raw("\\x41\\xc3\\x28"), "A\xc3(");
  EXPECT_EQ(decode_raw("no escape \\x"), "no escape \\x");
}

TEST(ScenarioRunner, ReportsAFailedExpectationWithTurnAndText) {
  auto loaded =
      dialogue::load_rule_set((kSourceDir / "rules").string(), (kSourceDir / "intents").string());
  ASSERT_TRUE(loaded.ok());
  const dialogue::Engine engine(loaded.rules);
  const YAML::Node s = YAML::Load(R"(
id: deliberately_wrong
description: the runner must say which turn failed and what came back
source: runner self-test
turns:
  - say: "hello"
    expect: {tier: emergency}
)");
  const auto failures = run_scenario(engine, s, "inline.yaml");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("turn 1"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("hello"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("tier: expected emergency"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("tier: null"), std::string::npos) << failures[0];
}

}  // namespace
}  // namespace backcoach::scenarios
