#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

namespace backcoach::dialogue {

// What kind of thing an intent recognises; decides how the engine uses it.
enum class IntentKind {
  kSymptom,  // a finding about the person: affirmed, or denied when negated
  kInfo,     // a non-clinical fact (sits a lot, morning stiffness): same as symptom
  kNumber,   // a number for a slot (age, pain, duration), from capture group 1
  kAnswer,   // yes / no / unsure: never negated
  kFaq,      // a question the FAQ answers
  kCommand,  // "show my routine", "start over"
};

// One intent from intents/*.yaml.
struct IntentDef {
  std::string id;
  IntentKind kind = IntentKind::kSymptom;
  std::vector<std::string> patterns;
  std::vector<std::string> examples;          // must match (and not be negated)
  std::vector<std::string> counter_examples;  // must not match as affirmed
  std::vector<std::string> facts;             // facts it sets (default: its id)
  std::string number;                         // kNumber: the slot it fills
  double scale = 1.0;                         // kNumber: multiplier (days -> weeks)
  std::optional<double> value;                // kNumber: the value when nothing is captured
  std::string file;
  YAML::Mark mark;
};

// Negation and hedging cues, as RE2 patterns over normalised text (intents/negation.yaml).
struct NegationConfig {
  std::vector<std::string> negation_cues;
  std::vector<std::string> uncertainty_cues;
  std::vector<std::string> terminators;
  int max_scope_words = 6;
};

// One intent found in a message.
struct IntentHit {
  std::size_t intent = 0;      // index into the matcher's intents
  bool negated = false;        // inside a negation cue's scope ("no numbness")
  bool uncertain = false;      // inside an uncertainty cue's scope ("maybe numb")
  std::optional<double> value; // kNumber: the captured number times scale
  std::size_t position = 0;    // byte offset of the match in the normalised text
};

// Finds every intent in a normalised message in one RE2::Set pass, then locates
// the matches that fired to judge negation scope and capture numbers.
// Immutable after construction; match() is thread-safe.
class IntentMatcher {
 public:
  // Compiles all patterns; on failure ok() is false and errors() says which pattern and why.
  IntentMatcher(std::vector<IntentDef> intents, const NegationConfig& negation);

  bool ok() const { return errors_.empty(); }
  struct PatternError { std::size_t intent; std::size_t pattern; std::string why; };
  const std::vector<PatternError>& errors() const { return errors_; }
  const std::vector<std::string>& cue_errors() const { return cue_errors_; }

  // Hits in order of first position; an intent appears at most once (its first match).
  std::vector<IntentHit> match(std::string_view normalised) const;

  const std::vector<IntentDef>& intents() const { return intents_; }
  std::optional<std::size_t> find(std::string_view id) const;

 private:
  struct Scope { std::size_t begin, end; };
  struct Cues {
    std::vector<Scope> negated, uncertain;
    std::vector<std::size_t> negated_at, uncertain_at;  // where each cue starts
  };
  void compile_cues(const NegationConfig& negation);
  std::vector<Scope> scopes(const RE2& cues, std::string_view text,
                            std::vector<std::size_t>* starts) const;
  static bool starts_within(const std::vector<std::size_t>& cue_starts, std::size_t begin,
                            std::size_t end);
  bool best_match(std::size_t pattern, std::string_view text, const Cues& cues,
                  IntentHit& hit) const;
  static bool inside(const std::vector<Scope>& scopes, std::size_t pos);

  std::vector<IntentDef> intents_;
  std::vector<std::size_t> pattern_owner_;  // Set index -> intent index
  // Per pattern: it spells a negation itself ("can not feel"), so a cue inside its
  // match is part of the symptom; otherwise a cue inside the match negates it
  // ("stretching does not make it worse").
  std::vector<bool> literal_negation_;
  std::vector<std::unique_ptr<RE2>> patterns_;
  std::unique_ptr<RE2::Set> set_;
  std::unique_ptr<RE2> negation_cues_, uncertainty_cues_, terminators_;
  int max_scope_words_ = 6;
  std::vector<PatternError> errors_;
  std::vector<std::string> cue_errors_;
};

}  // namespace backcoach::dialogue
