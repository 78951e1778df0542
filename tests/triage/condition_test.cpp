#include "triage/condition.h"

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

World world() {
  World w;
  w.facts.truth = {{"numbness", true}, {"fever", false}};
  w.facts.numbers = {{"age", 52}, {"pain", 8}};
  w.scores = {{"total", 4}, {"psych", 2}};
  w.tier = Tier::kSoon;
  return w;
}

struct Case {
  const char* yaml;
  bool expected;
};

TEST(Condition, EvaluatesEachKindAgainstAConversation) {
  const World w = world();
  const Case cases[] = {
      {"{fact: numbness}", true},
      {"{fact: fever}", false},     // denied is not affirmed
      {"{fact: tingling}", false},  // unknown is not affirmed
      {"{denied: fever}", true},
      {"{denied: tingling}", false},
      {"{known: fever}", true},
      {"{known: age}", true},  // a number is known too
      {"{unknown: tingling}", true},
      {"{unknown: numbness}", false},
      {"{number: age, gte: 50}", true},
      {"{number: age, lt: 50}", false},
      {"{number: age, gt: 40, lte: 52}", true},  // every comparison must hold
      {"{number: pain, eq: 8}", true},
      {"{number: duration_weeks, gt: 6}", false},  // an unknown number compares false
      {"{score: total, gte: 4}", true},
      {"{score: psych, gte: 4}", false},
      {"{score: never_scored, lte: 0}", true},  // an unscored scale is 0
      {"{tier_at_least: soon}", true},
      {"{tier_at_least: urgent}", false},
      {"{no_tier: true}", false},
      {"{all: [{fact: numbness}, {number: age, gte: 50}]}", true},
      {"{all: [{fact: numbness}, {fact: fever}]}", false},
      {"{any: [{fact: fever}, {fact: numbness}]}", true},
      {"{not: {fact: fever}}", true},
      {"{at_least: 2, of: [{fact: numbness}, {fact: fever}, {number: pain, gte: 8}]}", true},
      {"{at_least: 3, of: [{fact: numbness}, {fact: fever}, {number: pain, gte: 8}]}", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(parse_ok(c.yaml).eval(w.ctx()), c.expected) << c.yaml;
  }
}

TEST(Condition, NoTierHoldsBeforeTheIntakeEnds) {
  World w;
  EXPECT_TRUE(parse_ok("{no_tier: true}").eval(w.ctx()));
  EXPECT_FALSE(parse_ok("{tier_at_least: self_care}").eval(w.ctx()));
  EXPECT_TRUE(Condition{}.eval(w.ctx())) << "a default condition always holds";
}

TEST(Condition, MalformedConditionsAreReportedWhereTheyAre) {
  const char* bad[] = {
      "[fact, numbness]",                       // not a map
      "{number: age, about: 5}",                // unknown comparison
      "{number: age}",                          // no comparison
      "{tier_at_least: whenever}",              // unknown tier
      "{all: []}",                              // empty list
      "{colour: blue}",                         // unknown condition
      "\n\n  {any: [{fact: a}, {number: b}]}",  // nested problem, on line 3
  };
  for (const char* yaml : bad) {
    std::vector<Diagnostic> diags;
    const YamlDiag diag("rules/x.yaml", &diags);
    EXPECT_FALSE(Condition::parse(YAML::Load(yaml), diag).has_value()) << yaml;
    ASSERT_FALSE(diags.empty()) << yaml;
    EXPECT_EQ(diags.front().file, "rules/x.yaml");
    EXPECT_GT(diags.front().line, 0) << yaml;
    EXPECT_GT(diags.front().column, 0) << yaml;
  }
  std::vector<Diagnostic> diags;
  const YamlDiag diag("rules/x.yaml", &diags);
  Condition::parse(YAML::Load("\n\n  {any: [{fact: a}, {number: b}]}"), diag);
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags.front().line, 3);
}

TEST(Condition, CollectsEveryNameItReads) {
  const auto c =
      parse_ok("{all: [{fact: a}, {number: age, gte: 1}, {not: {score: total, gt: 0}}]}");
  std::vector<Condition::Ref> refs;
  c.collect_refs(refs);
  std::vector<std::string> names;
  for (const auto& r : refs) names.push_back(r.kind + ":" + r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"fact:a", "number:age", "score:total"}));
}

}  // namespace
}  // namespace backcoach::triage
