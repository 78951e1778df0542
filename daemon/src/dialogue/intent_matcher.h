#pragma once

#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialogue/context_reader.h"
#include "dialogue/lazy_regex.h"
#include "dialogue/pattern_sets.h"

namespace backcoach::dialogue {

// What kind of thing an intent recognises; decides how the engine uses it.
enum class IntentKind {
  kSymptom,  // a finding about the person: affirmed, or denied when negated
  kInfo,     // a non-clinical fact (sits a lot, morning stiffness): same as symptom
  kNumber,   // a number for a slot (age, pain, duration), from capture group 1
  kAnswer,   // yes / no / unsure: never negated
  kFaq,      // a question the FAQ answers
  kCommand,  // "show my routine", "start over"
  kConcept,  // a piece of meaning (a body site, a sensation, a side) that sets nothing
             // itself; assembly rules combine concepts into facts
};

// One intent or concept from intents/*.yaml.
struct IntentDef {
  std::string id;
  IntentKind kind = IntentKind::kSymptom;
  std::vector<std::string> patterns;
  std::vector<std::string> examples;          // must match (and not be modified away)
  std::vector<std::string> counter_examples;  // must not match as affirmed
  std::vector<std::string> facts;             // facts it sets (default: its id)
  std::vector<std::string> denies;            // facts it takes back when affirmed: a
                                              // retraction ("ok, that was dramatic")
  std::string number;                         // kNumber: the slot it fills
  double scale = 1.0;                         // kNumber: multiplier (days -> weeks)
  std::optional<double> value;                // kNumber: the value when nothing is captured
  std::uint8_t ignores = 0;                   // modifier categories that do not apply
                                              // (a history intent is about the past)
  std::string file;
  YAML::Mark mark;
};

// A fact built from concepts met in one sentence or clause: numbness + a saddle site is
// saddle numbness; leg symptoms + both sides is bilateral. Each element of `all` is a
// group of concept ids, one of which must be present.
struct AssemblyRule {
  std::string id;
  std::vector<std::vector<std::string>> all;
  bool within_clause = false;   // else within a sentence
  bool within_message = false;  // anywhere in the message (a question after its subject)
  std::vector<std::string> facts;
  std::vector<std::string> examples;
  std::vector<std::string> counter_examples;
  std::string file;
  YAML::Mark mark;
};

// One intent found in a message.
struct IntentHit {
  std::size_t intent = 0;       // index into the matcher's intents
  bool negated = false;         // denied ("no numbness")
  bool uncertain = false;       // hedged ("maybe numb")
  std::uint8_t context = 0;     // every modifier that applies (Modifier bits)
  std::optional<double> value;  // kNumber: the captured number times scale
  std::size_t position = 0;     // byte offset of the match in the normalised text

  // Hypothetical, past or someone else's: neither affirms nor denies anything.
  bool ignored() const { return (context & kIgnoring) != 0; }
  bool affirmed() const { return !negated && !uncertain && !ignored(); }
};

// What a message holds. `failed` is set when RE2 could not finish the match (its DFA
// ran out of memory): the caller must treat the message as unread, loudly, never as
// "nothing matched".
struct MatchResult {
  std::vector<IntentHit> hits;
  std::vector<IntentHit> concepts;  // the best mention of each concept (for checks and traces)
  bool failed = false;
  std::string why;
};

// Finds every intent, concept and context trigger in a normalised message in one pass of
// the lexicon's sets (a fixed two, whatever the number of intents), then locates only the
// patterns that fired to judge each mention's context and capture numbers, and assembles
// facts from concepts. Construction parses every pattern (a syntax error is reported then)
// and compiles the sets, each on a core of its own; each pattern's own RE2 is compiled the
// first time it fires (LazyRegex). Immutable after construction apart from those lazily
// built regexes and RE2's own caches; match() is thread-safe.
class IntentMatcher {
 public:
  IntentMatcher(std::vector<IntentDef> intents, const ContextConfig& context,
                std::vector<AssemblyRule> assembly);
  ~IntentMatcher();

  bool ok() const { return errors_.empty(); }
  struct PatternError {
    std::size_t intent;
    std::size_t pattern;
    std::string why;
  };
  const std::vector<PatternError>& errors() const { return errors_; }
  // Context and assembly problems, each with the file and mark of the rule at fault.
  const std::vector<RuleError>& rule_errors() const { return rule_errors_; }

  // Hits in order of first position; an intent appears at most once (its best mention:
  // affirmed before hedged before denied). Assembled facts appear as hits of the
  // assembly rule's intent (see assembled()).
  MatchResult match(std::string_view normalised) const;

  // Every intent, then one synthetic symptom intent per assembly rule.
  const std::vector<IntentDef>& intents() const { return intents_; }
  const std::vector<AssemblyRule>& assembly() const { return assembly_; }
  std::optional<std::size_t> find(std::string_view id) const;

 private:
  struct Mention;
  using Reading = ContextReader::Reading;
  void compile_assembly();
  std::vector<Mention> mentions(std::size_t pattern, std::string_view text) const;
  static bool scoped(const IntentDef& d);
  ContextReader::Match match_of(const Mention& m) const;
  void keep_widest_reading_of_each_number(std::vector<Mention>& all) const;
  void assemble(const std::vector<Mention>& concepts, const Reading& reading,
                std::vector<IntentHit>& hits) const;

  std::vector<IntentDef> intents_;
  std::vector<AssemblyRule> assembly_;
  std::size_t first_assembled_ = 0;  // index in intents_ of the first assembly intent
  // The lexicon: every intent and concept pattern, numbered as patterns_. The context
  // reader's cues are sets of their own.
  std::unique_ptr<PatternSets> sets_;
  std::vector<std::size_t> pattern_owner_;  // pattern -> intent
  std::deque<LazyRegex> patterns_;          // a deque: LazyRegex does not move
  std::unique_ptr<ContextReader> context_;
  std::vector<std::vector<std::vector<std::size_t>>> assembly_groups_;  // concept indices
  std::vector<PatternError> errors_;
  std::vector<RuleError> rule_errors_;
};

}  // namespace backcoach::dialogue
