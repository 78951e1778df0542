#pragma once

#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialogue/pattern_sets.h"

namespace backcoach::dialogue {

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
  // The scope crosses sentences and the shared terminators, stopping only at the rule's
  // own terminators and max_words: for a cue that looks back over what was just told
  // ("my foot had pins and needles. It went after a minute once I walked about").
  bool within_message = false;
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

// A rule that does not compile, with the file and mark of the rule at fault.
struct RuleError {
  std::string file;
  YAML::Mark mark;
  std::string why;
};

// The ConText half of reading a message: where each modifier's cues are and how far
// their scope reaches, where sentences and clauses end, and so which modifiers apply
// to a match. The cues are one RE2::Set of their own, apart from the lexicon's, as
// ConText is a stage of its own after the concepts are found: it compiles on a second
// core while the lexicon's set compiles on the first (docs/architecture.md, "Rules are data").
// Only the rules whose cues fired are located.
// Immutable after compile(); read() and context_of() are thread-safe.
class ContextReader {
 public:
  // Parses every trigger of `config` and compiles them into the cue sets; problems go to
  // `errors`.
  ContextReader(const ContextConfig& config, std::vector<RuleError>& errors);
  // Compiles the boundaries' regexes, and checks the syntax of the pseudo-triggers and
  // terminators (the same `config`); each modifier's own regexes are built when its cue
  // first fires. Problems go to `errors`. Touches nothing of the lexicon, so it runs on
  // another thread while the lexicon's set compiles; read() may be called only after it.
  void compile(const ContextConfig& config, std::vector<RuleError>& errors);
  ~ContextReader();
  ContextReader(const ContextReader&) = delete;
  ContextReader& operator=(const ContextReader&) = delete;

  // One cue found in the message, with the text its modifier applies to.
  struct Trigger {
    std::size_t begin, end;  // the cue itself
    std::size_t scope_begin, scope_end;
    Modifier category;
    bool forward = false;
    bool spelled = false;  // part of a finding's own words (see mark_spelled)
  };
  // What one message's cues and boundaries are, worked out once per message.
  struct Reading {
    std::string_view text;
    std::vector<Trigger> triggers;
    std::vector<std::size_t> sentence_breaks,
        clause_breaks;    // where each unit after the first starts
    std::string failure;  // the cue set could not finish (RE2 out of memory): no reading

    static std::size_t unit_of(const std::vector<std::size_t>& breaks, std::size_t pos) {
      return static_cast<std::size_t>(std::upper_bound(breaks.begin(), breaks.end(), pos) -
                                      breaks.begin());
    }
  };
  // A match of an intent's or concept's pattern, as the context reading needs it.
  struct Match {
    std::size_t begin, end;
    std::string_view source;  // the pattern that matched
    std::uint8_t ignores;     // modifier categories its intent does not take
    bool is_concept;          // a concept (a part of a fact) rather than a whole finding
  };

  // The cues of `text`, less those inside one of their rule's pseudo-triggers, each
  // with its scope; `failure` says why when the cue set could not finish.
  Reading read(std::string_view text) const;
  // A cue that a match's own pattern spells, inside the match, is part of that finding
  // (see the definition).
  void mark_spelled(const std::vector<Match>& matches, Reading& reading) const;
  // Sentence and clause boundaries, for the assembly of facts from concepts.
  void find_units(Reading& reading) const;
  // Every modifier that applies to `m` (Modifier bits).
  std::uint8_t context_of(const Match& m, const Reading& reading) const;

 private:
  struct CompiledModifier;
  bool continues_clause(std::string_view text, std::size_t at) const;

  std::unique_ptr<PatternSets> cues_;  // every modifier's triggers, one pass
  std::vector<std::size_t> cue_rule_;  // cue number in the sets -> its modifier
  std::vector<CompiledModifier> modifiers_;
  std::unique_ptr<RE2> sentence_ends_, clause_ends_, clause_continues_;
};

}  // namespace backcoach::dialogue
