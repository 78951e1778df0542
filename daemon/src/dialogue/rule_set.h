#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.h"

namespace backcoach::dialogue {

using backcoach::Diagnostic;

class RuleSetImpl;

// The compiled, validated, immutable rules and intents. Shared read-only by all
// threads (hold it by shared_ptr<const RuleSet>); a reload builds a new one.
class RuleSet {
 public:
  explicit RuleSet(std::unique_ptr<const RuleSetImpl> impl);
  ~RuleSet();

  // The exercise card for an exercise id, as the protocol sends it; null if unknown.
  nlohmann::json exercise_card(const std::string& id) const;
  std::vector<std::string> exercise_ids() const;
  std::vector<std::string> flag_ids() const;
  std::size_t intent_count() const;

  const RuleSetImpl& impl() const { return *impl_; }

 private:
  std::unique_ptr<const RuleSetImpl> impl_;
};

struct LoadResult {
  std::shared_ptr<const RuleSet> rules;  // null when errors is not empty
  std::vector<Diagnostic> errors;
  bool ok() const { return rules != nullptr; }
};

// Loads every *.yaml under rules_dir and intents_dir, compiles patterns and
// validates cross-references. Never throws.
LoadResult load_rule_set(const std::string& rules_dir, const std::string& intents_dir);

}  // namespace backcoach::dialogue
