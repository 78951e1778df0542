#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/yaml_diag.h"
#include "triage/facts.h"
#include "triage/tier.h"

namespace backcoach::triage {

// What a condition is evaluated against: one conversation at one moment.
struct EvalContext {
  const Facts& facts;
  const std::map<std::string, int>& scores;
  std::optional<Tier> tier;
};

// A predicate over a conversation, written in YAML in rules/ (see docs/rules.md):
//   {fact: X} {denied: X} {known: X} {unknown: X}
//   {number: age, gte: 50}   {score: total, gte: 4}   (ops: lt lte gt gte eq)
//   {tier_at_least: soon}    {no_tier: true}
//   {all: [...]} {any: [...]} {not: {...}} {at_least: 3, of: [...]}
// Immutable once parsed; eval is thread-safe.
class Condition {
 public:
  enum class Kind {
    kAlways,
    kFact,
    kDenied,
    kKnown,
    kUnknown,
    kNumber,
    kScore,
    kTierAtLeast,
    kNoTier,
    kAll,
    kAny,
    kNot,
    kAtLeast
  };

  Condition() = default;  // always true

  // Parses a condition; on a malformed one reports to diag and returns nullopt.
  static std::optional<Condition> parse(const YAML::Node& node, const YamlDiag& diag);

  bool eval(const EvalContext& ctx) const;

  // Every fact, number and score name the condition reads, with where it was written.
  struct Ref {
    std::string kind;
    std::string name;
    YAML::Mark mark;
  };
  void collect_refs(std::vector<Ref>& out) const;

 private:
  struct Compare {
    std::string op;
    double value = 0;
  };
  bool compare(double v) const;

  Kind kind_ = Kind::kAlways;
  std::string name_;
  std::vector<Compare> compares_;
  Tier tier_ = Tier::kSelfCare;
  int at_least_ = 0;
  std::vector<Condition> children_;
  YAML::Mark mark_;
};

}  // namespace backcoach::triage
