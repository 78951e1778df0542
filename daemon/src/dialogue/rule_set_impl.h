#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dialogue/catalogue.h"
#include "dialogue/flow.h"
#include "dialogue/intent_matcher.h"
#include "dialogue/normalizer.h"
#include "triage/red_flags.h"

namespace backcoach::dialogue {

// An answer from rules/faq.yaml, given when its intent is matched.
struct FaqEntry {
  std::string intent;
  std::string answer;
  std::string source;
  YAML::Mark mark;
};

// Everything loaded from rules/ and intents/, compiled and validated. Immutable.
class RuleSetImpl {
 public:
  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<IntentMatcher> matcher;
  Flow flow;
  std::vector<triage::FlagDef> flags;
  std::vector<Exercise> exercises;
  RoutineRules routine;
  std::vector<FaqEntry> faq;
  std::map<std::string, std::string> responses;  // reply id -> text
  std::map<std::string, std::string> events;     // event id -> node id
  std::map<std::string, std::string> tier_advice;  // tier id -> what to do and how soon

  // Reply texts the engine itself needs; the loader checks each is defined.
  static const std::vector<std::string>& required_responses();

  const Exercise* exercise(const std::string& id) const;
  const triage::FlagDef* flag(const std::string& id) const;
  const FaqEntry* faq_for(const std::string& intent) const;
  const std::string& response(const std::string& id) const;
};

}  // namespace backcoach::dialogue
