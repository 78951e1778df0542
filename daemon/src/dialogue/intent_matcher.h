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

#include "dialogue/lazy_regex.h"

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

// ConText modifier categories (Chapman 2001 NegEx; Harkema 2009 ConText). A bit set:
// one mention can be both negated and hypothetical.
enum Modifier : std::uint8_t {
  kNegated = 1,       // "no numbness": the finding is denied
  kPossible = 2,      // "maybe numb": neither affirmed nor denied, asked again
  kHypothetical = 4,  // "what if I go numb?": not a finding at all
  kHistorical = 8,    // "had sciatica 10 years ago, gone now": not a current finding
  kOtherPerson = 16,  // "my mum had cancer": not the person's own finding
  kRecurrent = 32,    // "on and off for twenty years": the history's length, not this episode's
};
constexpr std::uint8_t kIgnoring = kHypothetical | kHistorical | kOtherPerson | kRecurrent;

// Reads a category name of intents/context.yaml ("negated", "possible", ...).
std::optional<Modifier> parse_modifier(std::string_view name);
std::string_view modifier_name(Modifier m);

// One intent or concept from intents/*.yaml.
struct IntentDef {
  std::string id;
  IntentKind kind = IntentKind::kSymptom;
  std::vector<std::string> patterns;
  std::vector<std::string> examples;          // must match (and not be modified away)
  std::vector<std::string> counter_examples;  // must not match as affirmed
  std::vector<std::string> facts;             // facts it sets (default: its id)
  std::string number;                         // kNumber: the slot it fills
  double scale = 1.0;                         // kNumber: multiplier (days -> weeks)
  std::optional<double> value;                // kNumber: the value when nothing is captured
  std::uint8_t ignores = 0;                   // modifier categories that do not apply
                                              // (a history intent is about the past)
  std::string file;
  YAML::Mark mark;
};

// Where a trigger's scope runs: after it, before it, or both ways.
enum class Direction { kForward, kBackward, kBoth };

// One ConText modifier rule: trigger patterns of one category and direction, with the
// pseudo-triggers that look like it but are not ("no better", "not only") and its own
// terminators besides the shared ones.
struct ModifierRule {
  Modifier category = kNegated;
  Direction direction = Direction::kForward;
  std::vector<std::string> patterns;
  std::vector<std::string> pseudo;
  std::vector<std::string> terminators;
  int max_words = 6;
  std::string file;
  YAML::Mark mark;
};

// intents/context.yaml: modifiers, the terminators every scope stops at, and what ends
// a sentence and a clause (assembly rules combine concepts within one of them).
struct ContextConfig {
  std::vector<ModifierRule> modifiers;
  std::vector<std::string> terminators;
  std::vector<std::string> sentence_ends;
  std::vector<std::string> clause_ends;
  // Read right after a clause end: when one matches there, that end is no break (a
  // comma before "sort of dead and tingly" goes on describing the same thing).
  std::vector<std::string> clause_continues;
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

// Finds every intent, concept and context trigger in a normalised message in one
// RE2::Set pass, then locates only the patterns that fired to judge each mention's
// context and capture numbers, and assembles facts from concepts.
// Construction parses every pattern (a syntax error is reported then) and compiles the
// one set; each pattern's own RE2 is compiled the first time it fires (LazyRegex).
// Immutable after construction apart from those lazily built regexes and RE2's own
// caches; match() is thread-safe.
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
  struct RuleError {
    std::string file;
    YAML::Mark mark;
    std::string why;
  };
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
  struct Reading;
  void compile_context(const ContextConfig& context);
  void compile_assembly();
  void read_triggers(const std::vector<int>& fired, Reading& reading) const;
  std::vector<Mention> mentions(std::size_t pattern, const Reading& reading) const;
  static bool scoped(const IntentDef& d);
  void mark_spelled_triggers(const std::vector<Mention>& all, Reading& reading) const;
  void keep_widest_reading_of_each_number(std::vector<Mention>& all) const;
  std::uint8_t context_of(const Mention& m, const Reading& reading) const;
  bool continues_clause(std::string_view text, std::size_t at) const;
  void assemble(const std::vector<Mention>& concepts, const Reading& reading,
                std::vector<IntentHit>& hits) const;

  std::vector<IntentDef> intents_;
  std::vector<AssemblyRule> assembly_;
  std::size_t first_assembled_ = 0;  // index in intents_ of the first assembly intent
  // Set entries: what each index of the one RE2::Set stands for.
  struct Entry {
    enum class Kind { kPattern, kTrigger, kPseudo } kind;
    std::size_t owner;    // intent (kPattern) or modifier rule (kTrigger, kPseudo)
    std::size_t pattern;  // kPattern: index into patterns_
  };
  std::vector<Entry> entries_;
  std::vector<std::size_t> pattern_owner_;  // pattern -> intent
  std::deque<LazyRegex> patterns_;          // a deque: LazyRegex does not move
  struct CompiledModifier;
  std::vector<CompiledModifier> modifiers_;
  std::unique_ptr<RE2> terminators_, sentence_ends_, clause_ends_, clause_continues_;
  std::unique_ptr<RE2::Set> set_;
  std::vector<std::vector<std::vector<std::size_t>>> assembly_groups_;  // concept indices
  std::vector<PatternError> errors_;
  std::vector<RuleError> rule_errors_;
};

}  // namespace backcoach::dialogue
