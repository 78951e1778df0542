#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialogue/catalogue.h"
#include "dialogue/coaching_rules.h"
#include "dialogue/flow.h"
#include "dialogue/intent_matcher.h"
#include "dialogue/normalizer.h"
#include "dialogue/perspective.h"
#include "dialogue/progression_rules.h"
#include "triage/red_flags.h"

namespace backcoach::dialogue {

// An answer from rules/faq.yaml, given when its intent is matched.
struct FaqEntry {
  std::string intent;
  std::string answer;
  std::string answer_with_routine;  // when a routine was given already ("" -> answer)
  std::string source;
  YAML::Mark mark;
};

// Everything loaded from rules/ and intents/, compiled and validated. Immutable.
class RuleSetImpl {
 public:
  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<IntentMatcher> matcher;
  std::unique_ptr<Perspective> perspective;  // null when intents/ has no such section
  Flow flow;
  std::vector<triage::FlagDef> flags;
  std::vector<Exercise> exercises;
  RoutineRules routine;
  std::vector<FaqEntry> faq;
  std::map<std::string, std::string> responses;    // reply id -> text
  std::map<std::string, std::string> events;       // event id -> node id
  std::map<std::string, std::string> tier_advice;  // tier id -> what to do and how soon
  // tier id -> the chat client's banner: "heading", "text" ({number}), "launcher"
  std::map<std::string, std::map<std::string, std::string>> tier_banners;
  CoachingRules coaching;                             // check-in times, the follow-up
  ProgressionRules progression;                       // the routine's levels, the trend
  std::map<std::string, std::string> telegram_texts;  // rules/telegram.yaml: id -> text
  // When the person has told enough of their back pain to be assessed: from then the
  // tier is at least self_care (the highest urgency so far). Never true when absent.
  std::optional<triage::Condition> assessed_when;

  // Reply texts the engine itself needs; the loader checks each is defined.
  static const std::vector<std::string>& required_responses();
  // Texts the Telegram channel says (commands, buttons, exercise cards); each required.
  static const std::vector<std::string>& required_telegram_texts();
  // The texts of each tier's banner; the tiers that must have one.
  static const std::vector<std::string>& banner_texts();
  static const std::vector<std::string>& banner_tiers();

  // A message read as a conversation reads it: when it is told for someone (said
  // before, `for_someone`, or in this very message) it is read again with the patient's
  // pronouns in the first person, and `canonical` becomes the text that was read.
  MatchResult read(std::string& canonical, bool for_someone) const;
  // Whether the conversation's facts say it is told for someone (perspective.h).
  bool told_for_someone(const triage::Facts& facts) const;

  const Exercise* exercise(const std::string& id) const;
  const triage::FlagDef* flag(const std::string& id) const;
  const FaqEntry* faq_for(const std::string& intent) const;
  const std::string& response(const std::string& id) const;
};

}  // namespace backcoach::dialogue
