#include "dialogue/coaching_rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>

namespace backcoach::dialogue {
namespace {

bool among(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// The named group's text, "" when the group did not take part.
std::string group(const re2::RE2& re, const std::vector<re2::StringPiece>& parts,
                  const char* name) {
  const auto& names = re.NamedCapturingGroups();
  const auto it = names.find(name);
  if (it == names.end() || it->second >= static_cast<int>(parts.size())) return {};
  const auto& piece = parts[static_cast<std::size_t>(it->second)];
  return piece.data() == nullptr ? std::string() : std::string(piece.data(), piece.size());
}

void read_pattern(const YAML::Node& n, const YamlDiag& diag, CoachingRules& out) {
  diag.known_keys(n, {"pattern", "minute"});
  CoachingRules::TimePattern p;
  p.mark = n.Mark();
  std::string text;
  if (!diag.string_field(n, "pattern", text, true)) return;
  double minute = -1;
  if (diag.number_field(n, "minute", minute, false)) p.minute = static_cast<int>(minute);
  auto re = std::make_shared<re2::RE2>(text, re2::RE2::Quiet);
  if (!re->ok()) return diag.error(n["pattern"], "time pattern does not compile: " + re->error());
  if (re->NamedCapturingGroups().count("hour") == 0) {
    return diag.error(n["pattern"], "time pattern needs a group (?P<hour>...)");
  }
  p.re = std::move(re);
  out.time_patterns.push_back(std::move(p));
}

}  // namespace

std::optional<int> CoachingRules::read_time(std::string_view text) const {
  for (const auto& p : time_patterns) {
    const int groups = p.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> parts(static_cast<std::size_t>(groups) + 1);
    if (!p.re->Match(text, 0, text.size(), re2::RE2::UNANCHORED, parts.data(),
                     static_cast<int>(parts.size()))) {
      continue;
    }
    int hour = std::atoi(group(*p.re, parts, "hour").c_str());
    const std::string minute_text = group(*p.re, parts, "minute");
    const int minute = p.minute >= 0 ? p.minute : std::atoi(minute_text.c_str());
    const std::string part = group(*p.re, parts, "part");
    if (among(evening_words, part) && hour >= 1 && hour <= 11) hour += 12;
    if (among(morning_words, part) && hour == 12) hour = 0;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) continue;
    return hour * 60 + minute;
  }
  return std::nullopt;
}

// Shown on a lock screen, so short: the limits keep a health detail from growing in.
void read_notification(const YAML::Node& n, const YamlDiag& diag, CoachingRules& out) {
  if (!n) return diag.error(n, "'coaching' needs a 'notification' with a title and a body");
  if (!n.IsMap()) return diag.error(n, "'notification' must be a map");
  diag.known_keys(n, {"title", "body"});
  diag.string_field(n, "title", out.notification.title, true);
  diag.string_field(n, "body", out.notification.body, true);
  if (out.notification.title.size() > 60 || out.notification.body.size() > 120) {
    diag.error(n, "a notification's title must be at most 60 bytes and its body 120");
  }
}

void read_coaching(const YAML::Node& map, const YamlDiag& diag, CoachingRules& out) {
  if (!map.IsMap()) return diag.error(map, "'coaching' must be a map");
  diag.known_keys(map, {"time_patterns", "evening_words", "morning_words", "follow_up_days",
                        "notification", "zones"});
  const YAML::Node list = map["time_patterns"];
  if (!list || !list.IsSequence() || list.size() == 0) {
    diag.error(map, "'coaching' needs a non-empty 'time_patterns' list");
  } else {
    for (const auto& n : list) read_pattern(n, diag, out);
  }
  diag.string_list(map, "evening_words", out.evening_words);
  diag.string_list(map, "morning_words", out.morning_words);
  double days = out.follow_up_days;
  if (diag.number_field(map, "follow_up_days", days, true)) {
    if (days < 1 || days > 60) diag.error(map["follow_up_days"], "follow_up_days must be 1 to 60");
    out.follow_up_days = static_cast<int>(days);
  }
  read_notification(map["notification"], diag, out);
  out.zones = ZoneNames::from_database();
  if (!map["zones"]) return diag.error(map, "'coaching' needs 'zones' (places, offset_pattern)");
  out.zones.read(map["zones"], diag);
}

}  // namespace backcoach::dialogue
