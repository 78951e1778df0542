#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <string_view>

#include "dialogue/token_rewriter.h"

namespace backcoach::dialogue {

// Who "she" is. ConText's experiencer assumes the writer is the patient; a person
// typing for a relative ("asking for my daughter, she's 12") tells the patient's
// findings in the third person. Once a conversation holds the fact `when` (set by an
// intent of intents/, e.g. "typing for my nan"), each message is read again with the
// patient's pronouns turned into the first person the lexicon is written in
// ("she can not lift either leg" -> "i can not lift either leg"). Outside such a
// conversation "she has a fever" stays someone else's (intents/context.yaml).
struct PerspectiveConfig {
  std::string when;                             // the fact that switches the shift on
  std::map<std::string, std::string> rewrites;  // canonical phrase -> canonical phrase
  std::map<std::string, YAML::Mark> marks;      // where each rewrite was written
  std::string file;
  YAML::Mark mark;
};

// Immutable; shift() is thread-safe.
class Perspective {
 public:
  explicit Perspective(PerspectiveConfig config);

  const std::string& when() const { return config_.when; }
  const PerspectiveConfig& config() const { return config_; }

  // `canonical` (a Normalizer's output) with the rewrites applied, longest phrase
  // first at each position. Text without a rewritable phrase comes back unchanged.
  std::string shift(std::string_view canonical) const;

 private:
  PerspectiveConfig config_;
  TokenRewriter rewriter_;
};

}  // namespace backcoach::dialogue
