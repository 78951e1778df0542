#pragma once

// Helpers shared by the triage tests that build conditions from YAML text and
// evaluate them against a set of answers. Header-only; test code only.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/yaml_diag.h"
#include "triage/condition.h"
#include "triage/facts.h"
#include "triage/tier.h"

namespace backcoach::triage::test_support {

// Parses `yaml` as a condition; any diagnostic or a failed parse fails the
// calling test (an empty condition is returned then).
inline Condition parse_ok(const std::string& yaml) {
  std::vector<Diagnostic> diags;
  const YamlDiag diag("test.yaml", &diags);
  auto c = Condition::parse(YAML::Load(yaml), diag);
  for (const auto& d : diags) ADD_FAILURE() << d.to_string();
  EXPECT_TRUE(c.has_value()) << yaml;
  return c ? *c : Condition{};
}

// The answers a condition is evaluated against; ctx() views them (keep the
// World alive while the context is used).
struct World {
  Facts facts;
  std::map<std::string, int> scores;
  std::optional<Tier> tier;
  EvalContext ctx() const { return {facts, scores, tier}; }
};

}  // namespace backcoach::triage::test_support
