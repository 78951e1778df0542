#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/yaml_diag.h"

namespace re2 {
class RE2;
}

namespace backcoach::dialogue {

// The time zones people name in a chat, for channels that cannot tell us theirs (Telegram,
// the bot API): "London", "new york", "Europe/Berlin", "I'm in Sydney", "UTC+2".
// Every name comes from the system's IANA tz database (Howard Hinnant's date/tz over
// tzdata) — each zone's and link's full name ("europe/berlin") and its last part as
// people write it ("berlin", "new york", "new_york") — or from the rules' `places`
// (rules/coaching.yaml: "uk", "germany", "manchester"), each checked against the database
// when the rules load. A whole-hour offset from UTC (the rules' `offset_pattern`) is the
// fixed zone Etc/GMT∓N, which has no daylight saving. Nothing is guessed: a text naming
// no zone, or two different ones, or a name two zones share, reads as nothing.
// Immutable once built; read from any thread.
class ZoneNames {
 public:
  // The database's names. Reads /usr/share/zoneinfo (date::get_tzdb): call at load.
  static ZoneNames from_database();

  // Reads `zones:` of the coaching section into this (places, offset_pattern); a place
  // whose zone the database does not know is an error at its line.
  void read(const YAML::Node& map, const YamlDiag& diag);

  // The IANA name of the one zone `text` (what the person typed) names, if exactly one.
  std::optional<std::string> find(std::string_view text) const;

  // Whether the database knows `name` exactly ("Europe/London").
  static bool known(const std::string& name);

 private:
  void add(const std::string& name, const std::string& zone);

  std::map<std::string, std::string> names_;  // lower case -> zone; "" when ambiguous
  std::shared_ptr<const re2::RE2> offset_;    // (?P<sign>[+-]) (?P<hours>…)
};

}  // namespace backcoach::dialogue
