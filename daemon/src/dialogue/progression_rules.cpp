#include "dialogue/progression_rules.h"

namespace backcoach::dialogue {
namespace {

void read_level(const YAML::Node& n, const YamlDiag& diag, ProgressionRules& out) {
  diag.known_keys(n, {"name", "dose", "source"});
  ProgressionRules::Level level;
  diag.string_field(n, "name", level.name, true);
  diag.string_field(n, "dose", level.dose, true);
  diag.string_field(n, "source", level.source, true);
  out.levels.push_back(std::move(level));
}

void read_change(const YAML::Node& n, const YamlDiag& diag, ProgressionRules& out) {
  diag.known_keys(n, {"id", "step", "when", "say", "source"});
  ProgressionRules::Change change;
  change.mark = n.Mark();
  diag.string_field(n, "id", change.id, true);
  diag.string_field(n, "say", change.say, true);
  std::string step;
  if (diag.string_field(n, "step", step, true)) {
    if (step == "up")
      change.step = 1;
    else if (step == "down")
      change.step = -1;
    else
      return diag.error(n["step"], "step must be 'up' or 'down'");
  }
  if (!n["when"]) return diag.error(n, "a progression change needs 'when'");
  auto when = triage::Condition::parse(n["when"], diag);
  if (!when) return;
  change.when = std::move(*when);
  out.changes.push_back(std::move(change));
}

}  // namespace

const ProgressionRules::Level* ProgressionRules::level(int number) const {
  if (number < 1 || number > static_cast<int>(levels.size())) return nullptr;
  return &levels[static_cast<std::size_t>(number - 1)];
}

void read_progression(const YAML::Node& map, const YamlDiag& diag, ProgressionRules& out) {
  if (!map.IsMap()) return diag.error(map, "'progression' must be a map");
  diag.known_keys(map, {"window_days", "start", "levels", "changes"});
  double number = out.window_days;
  if (diag.number_field(map, "window_days", number, true)) {
    if (number < 1 || number > 90) diag.error(map["window_days"], "window_days must be 1 to 90");
    out.window_days = static_cast<int>(number);
  }
  const YAML::Node levels = map["levels"];
  if (!levels || !levels.IsSequence() || levels.size() == 0) {
    return diag.error(map, "'progression' needs a non-empty 'levels' list");
  }
  for (const auto& n : levels) read_level(n, diag, out);
  number = out.start;
  if (diag.number_field(map, "start", number, true)) {
    out.start = static_cast<int>(number);
    if (out.level(out.start) == nullptr) diag.error(map["start"], "start is not one of the levels");
  }
  const YAML::Node changes = map["changes"];
  if (changes && !changes.IsSequence()) return diag.error(changes, "'changes' must be a list");
  for (const auto& n : changes) read_change(n, diag, out);
}

}  // namespace backcoach::dialogue
