#include <string>

#include "dialogue/loader.h"

namespace backcoach::dialogue {
namespace {

bool read_trigger(const YAML::Node& n, const YamlDiag& diag, const std::string& flag,
                  triage::Trigger& out) {
  std::string tier;
  if (!diag.string_field(n, "tier", tier, false)) {
    diag.error(n, "flag '" + flag + "' has no tier");
    return false;
  }
  auto t = triage::parse_tier(tier);
  if (!t) {
    diag.error(n["tier"], "flag '" + flag + "' has unknown tier '" + tier + "'");
    return false;
  }
  if (!n["when"]) {
    diag.error(n, "flag '" + flag + "' has no 'when' condition");
    return false;
  }
  auto when = triage::Condition::parse(n["when"], diag);
  if (!when) return false;
  out = {*t, std::move(*when)};
  return true;
}

std::optional<int> optional_int(const YAML::Node& n, const char* key, const YamlDiag& diag) {
  double v = 0;
  if (!diag.number_field(n, key, v, false)) return std::nullopt;
  return static_cast<int>(v);
}

void read_picks(const YAML::Node& list, const YamlDiag& diag,
                std::vector<RoutineRules::Pick>& out) {
  for (const auto& p : list) {
    RoutineRules::Pick pick;
    pick.mark = p.Mark();
    if (!p["when"]) {
      diag.error(p, "a routine rule needs 'when'");
      continue;
    }
    auto when = triage::Condition::parse(p["when"], diag);
    if (!when) continue;
    pick.when = std::move(*when);
    diag.string_list(p, "add", pick.add);
    if (pick.add.empty()) diag.error(p, "a routine rule needs 'add' with exercise ids");
    out.push_back(std::move(pick));
  }
}

}  // namespace

void read_flags(const YAML::Node& list, const YamlDiag& diag, std::vector<triage::FlagDef>& out) {
  if (!list.IsSequence()) {
    diag.error(list, "'flags' must be a list");
    return;
  }
  for (const auto& n : list) {
    triage::FlagDef f;
    f.mark = n.Mark();
    diag.known_keys(n, {"id", "say", "source", "tier", "when", "triggers"});
    if (!diag.string_field(n, "id", f.id, true)) continue;
    diag.string_field(n, "say", f.say, true);
    diag.string_field(n, "source", f.source, true);
    if (n["triggers"]) {
      for (const auto& t : n["triggers"]) {
        triage::Trigger trig;
        if (read_trigger(t, diag, f.id, trig)) f.triggers.push_back(std::move(trig));
      }
    } else {
      triage::Trigger trig;
      if (read_trigger(n, diag, f.id, trig)) f.triggers.push_back(std::move(trig));
    }
    out.push_back(std::move(f));
  }
}

void read_exercises(const YAML::Node& list, const YamlDiag& diag, std::vector<Exercise>& out) {
  if (!list.IsSequence()) {
    diag.error(list, "'exercises' must be a list");
    return;
  }
  for (const auto& n : list) {
    Exercise e;
    e.mark = n.Mark();
    diag.known_keys(n, {"id", "name", "kind", "steps", "hold_seconds", "repetitions", "each_side",
                        "dose", "form", "breathing", "targets", "stop_if", "alt", "source"});
    if (!diag.string_field(n, "id", e.id, true)) continue;
    diag.string_field(n, "name", e.name, true);
    diag.string_field(n, "kind", e.kind, true);
    if (e.kind != "stretch" && e.kind != "core") {
      diag.error(n["kind"] ? n["kind"] : n, "exercise kind must be 'stretch' or 'core'");
    }
    diag.string_list(n, "steps", e.steps);
    if (e.steps.empty()) diag.error(n, "exercise '" + e.id + "' has no steps");
    e.hold_seconds = optional_int(n, "hold_seconds", diag);
    e.repetitions = optional_int(n, "repetitions", diag);
    if (!e.hold_seconds && !e.repetitions) {
      diag.error(n, "exercise '" + e.id + "' needs hold_seconds or repetitions");
    }
    e.each_side = n["each_side"] && n["each_side"].as<bool>(false);
    diag.string_field(n, "dose", e.dose, true);
    diag.string_field(n, "form", e.form, true);
    diag.string_field(n, "breathing", e.breathing, true);
    diag.string_list(n, "targets", e.targets);
    diag.string_field(n, "stop_if", e.stop_if, true);
    diag.string_field(n, "alt", e.alt, true);
    diag.string_field(n, "source", e.source, true);
    out.push_back(std::move(e));
  }
}

void read_routine(const YAML::Node& map, const YamlDiag& diag, RoutineRules& out) {
  if (!map.IsMap()) {
    diag.error(map, "'routine' must be a map");
    return;
  }
  diag.known_keys(map, {"stretch_rules", "core_rules", "default_stretches", "default_core",
                        "max_stretches", "max_core"});
  read_picks(map["stretch_rules"], diag, out.stretch_rules);
  read_picks(map["core_rules"], diag, out.core_rules);
  diag.string_list(map, "default_stretches", out.default_stretches);
  diag.string_list(map, "default_core", out.default_core);
  if (auto v = optional_int(map, "max_stretches", diag)) out.max_stretches = *v;
  if (auto v = optional_int(map, "max_core", diag)) out.max_core = *v;
  if (out.default_stretches.empty()) diag.error(map, "routine needs default_stretches");
}

void read_faq(const YAML::Node& list, const YamlDiag& diag, std::vector<FaqEntry>& out) {
  if (!list.IsSequence()) {
    diag.error(list, "'faq' must be a list");
    return;
  }
  for (const auto& n : list) {
    FaqEntry f;
    f.mark = n.Mark();
    diag.known_keys(n, {"intent", "answer", "answer_with_routine", "source"});
    diag.string_field(n, "intent", f.intent, true);
    diag.string_field(n, "answer", f.answer, true);
    diag.string_field(n, "answer_with_routine", f.answer_with_routine, false);
    diag.string_field(n, "source", f.source, true);
    out.push_back(std::move(f));
  }
}

void read_string_map(const YAML::Node& map, const YamlDiag& diag,
                     std::map<std::string, std::string>& out) {
  if (!map.IsMap()) {
    diag.error(map, "expected a map of id: text");
    return;
  }
  for (const auto& kv : map) {
    if (!kv.second.IsScalar()) {
      diag.error(kv.second, "'" + kv.first.Scalar() + "' must be a string");
      continue;
    }
    if (out.count(kv.first.Scalar()) != 0) {
      diag.error(kv.first, "duplicate id '" + kv.first.Scalar() + "'");
      continue;
    }
    out[kv.first.Scalar()] = kv.second.Scalar();
  }
}

}  // namespace backcoach::dialogue
