#pragma once

#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/yaml_diag.h"
#include "dialogue/zone_names.h"

namespace re2 {
class RE2;
}

namespace backcoach::dialogue {

// The `coaching:` section (rules/coaching.yaml): how a check-in time is read from
// a person's words, and the follow-up after a referral. Immutable once loaded.
struct CoachingRules {
  // One way of saying a time, on normalised text ("7:30pm" reads "7 : 30 pm").
  // Named groups: `hour` (required), `minute` and `part` (optional); `minute:` in
  // the file fixes the minutes ("half past 7").
  struct TimePattern {
    std::shared_ptr<const re2::RE2> re;
    int minute = -1;  // fixed minutes; -1: the `minute` group's, else 0
    YAML::Mark mark;
  };
  std::vector<TimePattern> time_patterns;  // the first that matches wins
  std::vector<std::string> evening_words;  // a `part` among them: hours 1-11 are pm
  std::vector<std::string> morning_words;  // a `part` among them: 12 is midnight
  int follow_up_days = 3;                  // after a referral: one follow-up, this late
  // What a Web Push notification of a check-in says (the widget closed): no health
  // detail, since it shows on a lock screen.
  struct Notification {
    std::string title;
    std::string body;
  };
  Notification notification;
  // The zones people name when their channel tells us none (`zones:`).
  ZoneNames zones;

  // The time of day `text` (normalised) names, in minutes after midnight.
  std::optional<int> read_time(std::string_view text) const;
};

void read_coaching(const YAML::Node& map, const YamlDiag& diag, CoachingRules& out);

}  // namespace backcoach::dialogue
