#include <string>

#include "dialogue/loader.h"

namespace backcoach::dialogue {
namespace {

bool parse_kind(const std::string& s, IntentKind& out) {
  static const std::map<std::string, IntentKind> kKinds = {
      {"symptom", IntentKind::kSymptom}, {"info", IntentKind::kInfo},
      {"number", IntentKind::kNumber},   {"answer", IntentKind::kAnswer},
      {"faq", IntentKind::kFaq},         {"command", IntentKind::kCommand}};
  auto it = kKinds.find(s);
  if (it == kKinds.end()) return false;
  out = it->second;
  return true;
}

}  // namespace

void read_intents(const YAML::Node& list, const YamlDiag& diag, RawIntents& out) {
  if (!list.IsSequence()) {
    diag.error(list, "'intents' must be a list");
    return;
  }
  for (const auto& n : list) {
    if (!n.IsMap()) {
      diag.error(n, "an intent must be a map with id and patterns");
      continue;
    }
    IntentDef d;
    d.file = diag.file();
    d.mark = n.Mark();
    diag.known_keys(n, {"id", "kind", "patterns", "examples", "counter_examples", "sets",
                        "number", "scale", "value", "source"});
    diag.string_field(n, "id", d.id, true);
    std::string kind = "symptom";
    diag.string_field(n, "kind", kind, false);
    if (!parse_kind(kind, d.kind)) {
      diag.error(n["kind"], "unknown intent kind '" + kind +
                                "' (symptom, info, number, answer, faq, command)");
    }
    diag.string_list(n, "patterns", d.patterns);
    diag.string_list(n, "examples", d.examples);
    diag.string_list(n, "counter_examples", d.counter_examples);
    diag.string_list(n, "sets", d.facts);
    if (d.patterns.empty()) diag.error(n, "intent '" + d.id + "' has no patterns");
    if (d.examples.empty()) diag.error(n, "intent '" + d.id + "' has no examples");
    if (d.kind == IntentKind::kNumber) {
      diag.string_field(n, "number", d.number, true);
      diag.number_field(n, "scale", d.scale, false);
      double v = 0;
      if (diag.number_field(n, "value", v, false)) d.value = v;
    }
    if (d.facts.empty() && (d.kind == IntentKind::kSymptom || d.kind == IntentKind::kInfo)) {
      d.facts.push_back(d.id);
    }
    out.intents.push_back(std::move(d));
  }
}

void read_negation(const YAML::Node& map, const YamlDiag& diag, RawIntents& out) {
  if (!map.IsMap()) {
    diag.error(map, "'negation' must be a map of cue lists");
    return;
  }
  out.have_negation = true;
  diag.known_keys(map, {"cues", "uncertainty", "terminators", "max_scope_words"});
  diag.string_list(map, "cues", out.negation.negation_cues);
  diag.string_list(map, "uncertainty", out.negation.uncertainty_cues);
  diag.string_list(map, "terminators", out.negation.terminators);
  double words = out.negation.max_scope_words;
  if (diag.number_field(map, "max_scope_words", words, false)) {
    out.negation.max_scope_words = static_cast<int>(words);
  }
  if (out.negation.negation_cues.empty()) diag.error(map, "negation needs at least one cue");
}

}  // namespace backcoach::dialogue
