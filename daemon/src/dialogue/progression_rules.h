#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "common/yaml_diag.h"
#include "triage/condition.h"

namespace backcoach::dialogue {

// The `progression:` section (rules/progression.yaml): the levels of a routine and
// when a person moves between them, judged at each daily check-in. Immutable once
// loaded. No levels: no progression (a rule set without the section).
struct ProgressionRules {
  // What the engine derives from the check-ins it remembers, for the conditions of
  // `changes` and of the red flags (docs/rule-language.md):
  static constexpr const char* kTrendDays = "trend_days";    // days from the first
                                                             // scored check-in kept
  static constexpr const char* kPainChange = "pain_change";  // today's pain minus that one's
  static constexpr const char* kPainRise = "pain_rise";      // today's pain minus the last one's
  static constexpr const char* kGoodCheckins = "good_checkins";  // in a row since the last
                                                                 // change: done, felt no worse
  static constexpr const char* kFeltWorse = "checkin_worse";     // fact: today it felt worse

  struct Level {
    std::string name;    // "gentle start"
    std::string dose;    // what to do at this level, in plain words
    std::string source;  // where the hold times and repetitions come from
  };
  // A move up (+1) or down (-1) when its condition holds. The first that holds and
  // has somewhere to go wins; at most one per check-in.
  struct Change {
    std::string id;
    int step = 0;
    triage::Condition when;
    std::string say;  // {level}, {name} and {dose} are the new level's
    YAML::Mark mark;
  };

  int window_days = 14;  // check-ins older than this are forgotten by the trend
  int start = 1;         // the level of the first routine (1-based)
  std::vector<Level> levels;
  std::vector<Change> changes;

  const Level* level(int number) const;  // 1-based; null outside the levels
};

void read_progression(const YAML::Node& map, const YamlDiag& diag, ProgressionRules& out);

}  // namespace backcoach::dialogue
