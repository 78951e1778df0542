#include <map>
#include <string>

#include "dialogue/loader.h"

namespace backcoach::dialogue {
namespace {

bool parse_kind(const std::string& s, IntentKind& out) {
  static const std::map<std::string, IntentKind> kKinds = {
      {"symptom", IntentKind::kSymptom}, {"info", IntentKind::kInfo},
      {"number", IntentKind::kNumber},   {"answer", IntentKind::kAnswer},
      {"faq", IntentKind::kFaq},         {"command", IntentKind::kCommand},
      {"concept", IntentKind::kConcept}};
  auto it = kKinds.find(s);
  if (it == kKinds.end()) return false;
  out = it->second;
  return true;
}

// A list of modifier category names ("historical", "other_person") as bits.
std::uint8_t read_categories(const YAML::Node& map, const char* key, const YamlDiag& diag) {
  std::vector<std::string> names;
  diag.string_list(map, key, names);
  std::uint8_t bits = 0;
  for (const auto& name : names) {
    if (auto m = parse_modifier(name)) {
      bits |= *m;
    } else {
      diag.error(map[key],
                 "unknown context category '" + name +
                     "' (negated, possible, hypothetical, historical, other_person, recurrent)");
    }
  }
  return bits;
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
    diag.known_keys(n, {"id", "kind", "patterns", "examples", "counter_examples", "sets", "number",
                        "scale", "value", "ignores", "denies", "source"});
    diag.string_field(n, "id", d.id, true);
    std::string kind = "symptom";
    diag.string_field(n, "kind", kind, false);
    if (!parse_kind(kind, d.kind)) {
      diag.error(n["kind"], "unknown intent kind '" + kind +
                                "' (symptom, info, number, answer, faq, command, concept)");
    }
    diag.string_list(n, "patterns", d.patterns);
    diag.string_list(n, "examples", d.examples);
    diag.string_list(n, "counter_examples", d.counter_examples);
    diag.string_list(n, "sets", d.facts);
    diag.string_list(n, "denies", d.denies);
    if (d.patterns.empty()) diag.error(n, "intent '" + d.id + "' has no patterns");
    if (d.examples.empty()) diag.error(n, "intent '" + d.id + "' has no examples");
    if (d.kind == IntentKind::kNumber) {
      diag.string_field(n, "number", d.number, true);
      diag.number_field(n, "scale", d.scale, false);
      double v = 0;
      if (diag.number_field(n, "value", v, false)) d.value = v;
    }
    d.ignores = read_categories(n, "ignores", diag);
    // A number is read whatever its hedges or the past around it ("about 6", "52, had
    // sciatica years ago"); only someone else's or a hypothetical number is not theirs.
    // A number intent that lists its own `ignores` replaces that default: a pain score
    // heeds the past ("it was 8 the day it happened, now a 3": the pain now is 3).
    if (d.kind == IntentKind::kNumber && !n["ignores"])
      d.ignores |= kNegated | kPossible | kHistorical;
    // A recurring history bounds only how long this episode is said to be: numbness that
    // "comes and goes" is still numbness.
    if (d.kind != IntentKind::kNumber) d.ignores |= kRecurrent;
    if (d.kind == IntentKind::kConcept && !d.facts.empty()) {
      diag.error(n["sets"], "a concept sets no facts itself; an assembly rule does");
    }
    if (!d.denies.empty() && d.kind != IntentKind::kSymptom && d.kind != IntentKind::kInfo) {
      diag.error(n["denies"], "only a symptom or info intent denies facts");
    }
    if (d.facts.empty() && (d.kind == IntentKind::kSymptom || d.kind == IntentKind::kInfo)) {
      d.facts.push_back(d.id);
    }
    out.intents.push_back(std::move(d));
  }
}

void read_context(const YAML::Node& map, const YamlDiag& diag, RawIntents& out) {
  if (!map.IsMap()) {
    diag.error(map, "'context' must be a map with modifiers, terminators and boundaries");
    return;
  }
  out.have_context = true;
  ContextConfig& c = out.context;
  diag.known_keys(map,
                  {"modifiers", "terminators", "sentence_ends", "clause_ends", "clause_continues"});
  diag.string_list(map, "terminators", c.terminators);
  diag.string_list(map, "sentence_ends", c.sentence_ends);
  diag.string_list(map, "clause_ends", c.clause_ends);
  diag.string_list(map, "clause_continues", c.clause_continues);
  if (c.sentence_ends.empty()) diag.error(map, "context needs sentence_ends");
  const YAML::Node list = map["modifiers"];
  if (!list || !list.IsSequence() || list.size() == 0) {
    diag.error(map, "context needs a list of modifiers");
    return;
  }
  static const std::map<std::string, Direction> kDirections = {{"forward", Direction::kForward},
                                                               {"backward", Direction::kBackward},
                                                               {"both", Direction::kBoth}};
  for (const auto& n : list) {
    if (!n.IsMap()) {
      diag.error(n, "a modifier must be a map with category, direction and patterns");
      continue;
    }
    diag.known_keys(n, {"category", "direction", "patterns", "pseudo", "terminators", "max_words",
                        "within", "source"});
    ModifierRule rule;
    rule.file = diag.file();
    rule.mark = n.Mark();
    std::string category, direction = "forward";
    diag.string_field(n, "category", category, true);
    if (auto m = parse_modifier(category)) {
      rule.category = *m;
    } else if (!category.empty()) {
      diag.error(n["category"],
                 "unknown context category '" + category +
                     "' (negated, possible, hypothetical, historical, other_person, recurrent)");
    }
    diag.string_field(n, "direction", direction, false);
    auto d = kDirections.find(direction);
    if (d == kDirections.end()) {
      diag.error(n["direction"], "unknown direction '" + direction + "' (forward, backward, both)");
    } else {
      rule.direction = d->second;
    }
    diag.string_list(n, "patterns", rule.patterns);
    diag.string_list(n, "pseudo", rule.pseudo);
    diag.string_list(n, "terminators", rule.terminators);
    double words = rule.max_words;
    if (diag.number_field(n, "max_words", words, false)) rule.max_words = static_cast<int>(words);
    std::string within = "sentence";
    diag.string_field(n, "within", within, false);
    if (within == "message") {
      rule.within_message = true;
    } else if (within != "sentence") {
      diag.error(n["within"], "unknown scope '" + within + "' (sentence, message)");
    }
    if (rule.patterns.empty()) diag.error(n, "a modifier needs at least one pattern");
    c.modifiers.push_back(std::move(rule));
  }
}

void read_perspective(const YAML::Node& map, const YamlDiag& diag, RawIntents& out) {
  if (!map.IsMap()) {
    diag.error(map, "'perspective' must be a map with when and rewrites");
    return;
  }
  if (out.perspective) {
    diag.error(map, "a second 'perspective' section");
    return;
  }
  diag.known_keys(map, {"when", "source", "rewrites"});
  PerspectiveConfig p;
  p.file = diag.file();
  p.mark = map.Mark();
  diag.string_field(map, "when", p.when, true);
  const YAML::Node rewrites = map["rewrites"];
  if (!rewrites || !rewrites.IsMap() || rewrites.size() == 0) {
    diag.error(map, "perspective needs a map of rewrites");
    return;
  }
  for (const auto& kv : rewrites) {
    if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
      diag.error(kv.first, "a rewrite is a \"from\": \"to\" pair of strings");
      continue;
    }
    if (!p.rewrites.emplace(kv.first.Scalar(), kv.second.Scalar()).second) {
      diag.error(kv.first, "rewrite '" + kv.first.Scalar() + "' is listed twice");
      continue;
    }
    p.marks.emplace(kv.first.Scalar(), kv.first.Mark());
  }
  out.perspective = std::move(p);
}

void read_assembly(const YAML::Node& list, const YamlDiag& diag, RawIntents& out) {
  if (!list.IsSequence()) {
    diag.error(list, "'assemble' must be a list of rules");
    return;
  }
  for (const auto& n : list) {
    if (!n.IsMap()) {
      diag.error(n, "an assembly rule must be a map with id, all, within and sets");
      continue;
    }
    diag.known_keys(n, {"id", "all", "within", "sets", "examples", "counter_examples", "source"});
    AssemblyRule rule;
    rule.file = diag.file();
    rule.mark = n.Mark();
    diag.string_field(n, "id", rule.id, true);
    std::string within = "sentence";
    diag.string_field(n, "within", within, false);
    if (within != "sentence" && within != "clause" && within != "message") {
      diag.error(n["within"], "within must be 'clause', 'sentence' or 'message'");
    }
    rule.within_clause = within == "clause";
    rule.within_message = within == "message";
    diag.string_list(n, "sets", rule.facts);
    diag.string_list(n, "examples", rule.examples);
    diag.string_list(n, "counter_examples", rule.counter_examples);
    const YAML::Node all = n["all"];
    if (!all || !all.IsSequence() || all.size() < 2) {
      diag.error(n, "assembly '" + rule.id + "' needs 'all' with at least two concepts");
    } else {
      for (const auto& g : all) {
        std::vector<std::string> group;
        if (g.IsScalar()) {
          group.push_back(g.as<std::string>());
        } else if (g.IsSequence()) {
          for (const auto& id : g) {
            if (id.IsScalar()) group.push_back(id.as<std::string>());
          }
        }
        if (group.empty())
          diag.error(g, "an element of 'all' must be a concept id or a list of them");
        rule.all.push_back(std::move(group));
      }
    }
    if (rule.facts.empty()) diag.error(n, "assembly '" + rule.id + "' sets no fact");
    if (rule.examples.empty()) diag.error(n, "assembly '" + rule.id + "' has no examples");
    out.assembly.push_back(std::move(rule));
  }
}

}  // namespace backcoach::dialogue
