#pragma once

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

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
  // Days from a referral to the one follow-up check-in (rules/coaching.yaml).
  int follow_up_days() const;
  // The Web Push notification of a check-in (rules/coaching.yaml `notification`).
  std::string checkin_notification_title() const;
  std::string checkin_notification_body() const;
  // Level `number` of the routine (rules/progression.yaml), 1-based, 0 for the level a
  // first routine starts at: {"number", "of" (how many levels), "name", "dose"}; null for
  // no such level (or a rule set without progression).
  nlohmann::json routine_level(int number) const;
  // The banner a chat client shows while the conversation is at `tier`
  // (rules/red_flags.yaml `tier_banner`): {"heading", "text", "launcher"}, the text
  // with a `{number}` for the client's emergency number; null for a tier without one.
  nlohmann::json tier_banner(const std::optional<std::string>& tier) const;
  // A text of rules/telegram.yaml's `telegram:` section by id ("help", "card_hold", ...);
  // every id RuleSetImpl::required_telegram_texts() lists is there in a loaded set.
  const std::string& telegram_text(const std::string& id) const;

  const RuleSetImpl& impl() const { return *impl_; }

 private:
  std::unique_ptr<const RuleSetImpl> impl_;
};

// Wall time of each phase of a load, in milliseconds (0 for a phase not reached).
struct LoadTimings {
  double read_ms = 0;      // YAML files read into definitions, the normaliser built
  double compile_ms = 0;   // every pattern parsed, the one RE2::Set compiled
  double validate_ms = 0;  // cross-references
  double examples_ms = 0;  // load_checked_rule_set only: check_examples
};

struct LoadResult {
  std::shared_ptr<const RuleSet> rules;  // null when errors is not empty
  std::vector<Diagnostic> errors;
  LoadTimings timings;
  bool ok() const { return rules != nullptr; }
};

// Loads every *.yaml under rules_dir and intents_dir, parses and compiles every
// pattern and validates cross-references: every problem that makes the files
// unusable is an error with its file:line (a clean set is parsed by libyaml, its nodes
// with no line; a set with a problem is parsed again by yaml-cpp to place each one).
// Does not run the examples (check_examples). Never throws.
LoadResult load_rule_set(const std::string& rules_dir, const std::string& intents_dir);

// Runs every intent's and assembly rule's examples and counter-examples through the
// matcher: an example not read as affirmed, a counter-example that is, or a message the
// reader failed on is one diagnostic naming the intent, at its file (and line when the
// set was read marked: load_checked_rule_set gives the line). Several times slower
// than load_rule_set (RE2 builds its DFA states for each new message), and it leaves the
// matcher's caches warm. Thread-safe: reads the immutable set only. Once `*stop` is set
// it returns, between two messages, what it found so far: a daemon told to stop does not
// wait for a check that takes seconds (more on a busy machine).
std::vector<Diagnostic> check_examples(const RuleSet& rules,
                                       const std::atomic<bool>* stop = nullptr);

// load_rule_set, then check_examples: a set whose examples misbehave is refused like
// one that does not load. What `backcoach check` and a SIGHUP reload use.
LoadResult load_checked_rule_set(const std::string& rules_dir, const std::string& intents_dir);

}  // namespace backcoach::dialogue
