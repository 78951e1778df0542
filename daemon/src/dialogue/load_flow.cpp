#include <map>
#include <string>

#include "dialogue/loader.h"

namespace backcoach::dialogue {
namespace {

template <class T>
void read_map(const YAML::Node& parent, const char* key, const YamlDiag& diag,
              std::map<std::string, T>& out) {
  const YAML::Node n = parent[key];
  if (!n) return;
  if (!n.IsMap()) {
    diag.error(n, std::string("'") + key + "' must be a map");
    return;
  }
  for (const auto& kv : n) {
    try {
      out[kv.first.Scalar()] = kv.second.as<T>();
    } catch (const YAML::Exception&) {
      diag.error(kv.second, std::string("bad value for '") + kv.first.Scalar() + "' in " + key);
    }
  }
}

std::optional<triage::Condition> read_when(const YAML::Node& n, const YamlDiag& diag) {
  if (!n["when"]) return triage::Condition{};
  return triage::Condition::parse(n["when"], diag);
}

bool parse_type(const std::string& s, NodeType& t) {
  static const std::map<std::string, NodeType> kTypes = {{"say", NodeType::kSay},
                                                         {"question", NodeType::kQuestion},
                                                         {"decide", NodeType::kDecide},
                                                         {"routine", NodeType::kRoutine},
                                                         {"stop", NodeType::kStop}};
  auto it = kTypes.find(s);
  if (it == kTypes.end()) return false;
  t = it->second;
  return true;
}

bool parse_answer(const std::string& s, AnswerType& a) {
  static const std::map<std::string, AnswerType> kAnswers = {
      {"yes_no", AnswerType::kYesNo},  {"number", AnswerType::kNumber},
      {"choice", AnswerType::kChoice}, {"checklist", AnswerType::kChecklist},
      {"time", AnswerType::kTime},     {"zone", AnswerType::kZone}};
  auto it = kAnswers.find(s);
  if (it == kAnswers.end()) return false;
  a = it->second;
  return true;
}

void read_choices(const YAML::Node& n, const YamlDiag& diag, Node& node) {
  const YAML::Node list = n["choices"];
  if (!list || !list.IsSequence() || list.size() == 0) {
    diag.error(n, "choice question '" + node.id + "' needs a non-empty 'choices' list");
    return;
  }
  for (const auto& c : list) {
    Choice ch;
    ch.mark = c.Mark();
    diag.known_keys(c, {"label", "intents", "sets", "numbers", "score", "value"});
    diag.string_field(c, "label", ch.label, true);
    diag.string_field(c, "value", ch.value, false);
    diag.string_list(c, "intents", ch.intents);
    read_map(c, "sets", diag, ch.sets);
    read_map(c, "numbers", diag, ch.numbers);
    read_map(c, "score", diag, ch.score);
    node.choices.push_back(std::move(ch));
  }
}

void read_items(const YAML::Node& n, const YamlDiag& diag, Node& node) {
  const YAML::Node list = n["items"];
  if (!list || !list.IsSequence() || list.size() == 0) {
    diag.error(n, "checklist question '" + node.id + "' needs a non-empty 'items' list");
    return;
  }
  for (const auto& c : list) {
    ChecklistItem item;
    item.mark = c.Mark();
    diag.known_keys(c, {"label", "facts", "intents", "mentions", "alone", "score", "when"});
    diag.string_field(c, "label", item.label, true);
    diag.string_list(c, "facts", item.facts);
    if (item.facts.empty()) diag.error(c, "checklist item '" + item.label + "' needs 'facts'");
    diag.string_list(c, "intents", item.intents);
    diag.string_list(c, "mentions", item.mentions);
    diag.string_field(c, "alone", item.alone, false);
    read_map(c, "score", diag, item.score);
    if (auto when = read_when(c, diag)) item.when = std::move(*when);
    node.items.push_back(std::move(item));
  }
}

void read_question(const YAML::Node& n, const YamlDiag& diag, Node& node) {
  std::string answer;
  if (!diag.string_field(n, "answer", answer, true)) return;
  if (!parse_answer(answer, node.answer)) {
    diag.error(n["answer"], "unknown answer type '" + answer + "' (yes_no, number, choice)");
    return;
  }
  node.red_flag_question = n["red_flag"] && n["red_flag"].as<bool>(false);
  switch (node.answer) {
    case AnswerType::kYesNo:
      diag.string_list(n, "facts", node.facts);
      if (node.facts.empty()) diag.error(n, "yes/no question '" + node.id + "' needs 'facts'");
      read_map(n, "yes_score", diag, node.yes_score);
      break;
    case AnswerType::kNumber:
      diag.string_field(n, "number", node.number, true);
      diag.number_field(n, "min", node.min, true);
      diag.number_field(n, "max", node.max, true);
      break;
    case AnswerType::kChoice:
      node.multi = n["multi"] && n["multi"].as<bool>(false);
      read_choices(n, diag, node);
      break;
    case AnswerType::kChecklist:
      node.unticked_is_no = n["unticked_is_no"] && n["unticked_is_no"].as<bool>(false);
      diag.string_field(n, "yes_affirms", node.yes_affirms, false);
      read_items(n, diag, node);
      break;
    case AnswerType::kTime:
      diag.string_field(n, "number", node.number, true);
      diag.string_list(n, "facts", node.facts);  // the first is set by "no thanks"
      break;
    case AnswerType::kZone:
      diag.string_field(n, "number", node.number, true);  // the time it completes
      diag.string_list(n, "facts", node.facts);
      if (node.facts.empty()) diag.error(n, "a zone question needs 'facts' (the zone owed)");
      break;
  }
  diag.string_field(n, "journal", node.journal, false);
  if (!node.journal.empty() && node.journal != "pain" && node.journal != "routine_done" &&
      node.journal != "felt") {
    diag.error(n["journal"], "node '" + node.id + "' has unknown journal field '" + node.journal +
                                 "' (pain, routine_done, felt)");
  }
}

void read_rules(const YAML::Node& n, const YamlDiag& diag, Node& node) {
  for (const auto& r : n["rules"]) {
    auto when = read_when(r, diag);
    if (!when) continue;
    Rule rule{std::move(*when), {}};
    read_map(r, "sets", diag, rule.sets);
    node.rules.push_back(std::move(rule));
  }
}

void read_branches(const YAML::Node& n, const YamlDiag& diag, Node& node) {
  for (const auto& b : n["branches"]) {
    auto when = read_when(b, diag);
    if (!when) continue;
    Branch br{std::move(*when), {}, b.Mark()};
    diag.string_field(b, "go", br.go, true);
    node.branches.push_back(std::move(br));
  }
}

void read_node(const YAML::Node& n, const YamlDiag& diag, Flow& flow) {
  Node node;
  node.mark = n.Mark();
  diag.known_keys(n, {"id",
                      "type",
                      "text",
                      "again",
                      "quick_replies",
                      "when",
                      "red_flag",
                      "answer",
                      "facts",
                      "number",
                      "min",
                      "max",
                      "multi",
                      "choices",
                      "yes_score",
                      "rules",
                      "branches",
                      "next",
                      "action",
                      "completes_intake",
                      "items",
                      "unticked_is_no",
                      "reask",
                      "asked_once",
                      "yes_affirms",
                      "screening_done",
                      "journal"});
  if (!diag.string_field(n, "id", node.id, true)) return;
  std::string type;
  diag.string_field(n, "type", type, true);
  if (!parse_type(type, node.type)) {
    diag.error(n["type"] ? n["type"] : n, "node '" + node.id + "' has unknown type '" + type +
                                              "' (say, question, decide, routine, stop)");
    return;
  }
  diag.string_list(n, "text", node.text);
  diag.string_list(n, "again", node.again);
  diag.string_list(n, "quick_replies", node.quick_replies);
  diag.string_list(n, "reask", node.reask);
  diag.string_field(n, "next", node.next, false);
  std::string action;
  diag.string_field(n, "action", action, false);
  if (action == "schedule_checkin") {
    node.action = NodeAction::kScheduleCheckin;
  } else if (action == "open_journal") {
    node.action = NodeAction::kOpenJournal;
  } else if (!action.empty()) {
    diag.error(n["action"], "node '" + node.id + "' has unknown action '" + action +
                                "' (schedule_checkin, open_journal)");
  }
  node.completes_intake = n["completes_intake"] && n["completes_intake"].as<bool>(false);
  node.asked_once = n["asked_once"] && n["asked_once"].as<bool>(false);
  node.screening_done = n["screening_done"] && n["screening_done"].as<bool>(false);
  if (auto when = read_when(n, diag)) node.when = std::move(*when);
  if (node.type == NodeType::kQuestion) read_question(n, diag, node);
  if (node.type == NodeType::kDecide) read_rules(n, diag, node);
  read_branches(n, diag, node);
  if ((node.type == NodeType::kQuestion || node.type == NodeType::kStop) && node.text.empty()) {
    diag.error(n, "node '" + node.id + "' must say something ('text')");
  }
  if (flow.index.count(node.id) != 0) {
    diag.error(n, "duplicate node id '" + node.id + "'");
    return;
  }
  flow.index[node.id] = flow.nodes.size();
  flow.nodes.push_back(std::move(node));
}

void read_pleas(const YAML::Node& list, const YamlDiag& diag, Flow& out) {
  for (const auto& p : list) {
    Flow::Plea plea;
    plea.mark = p.Mark();
    diag.known_keys(p, {"intent", "say"});
    diag.string_field(p, "intent", plea.intent, true);
    read_map(p, "say", diag, plea.say);
    out.pleas.push_back(std::move(plea));
  }
}

}  // namespace

const Node* Flow::successor(const Node& n) const {
  if (!n.next.empty()) return find(n.next);
  auto it = index.find(n.id);
  if (it == index.end() || it->second + 1 >= nodes.size()) return nullptr;
  return &nodes[it->second + 1];
}

void read_flow(const YAML::Node& map, const YamlDiag& diag, Flow& out) {
  if (!map.IsMap()) {
    diag.error(map, "'flow' must be a map with start, nodes and interrupts");
    return;
  }
  diag.known_keys(map, {"start", "nodes", "interrupts", "yes_no_quick_replies", "checklist_none",
                        "reask", "pleas", "small_talk", "how_to", "bare_number_words"});
  diag.string_field(map, "start", out.start, true);
  if (!map["nodes"] || !map["nodes"].IsSequence()) {
    diag.error(map, "'flow' needs a 'nodes' list");
    return;
  }
  for (const auto& n : map["nodes"]) read_node(n, diag, out);
  diag.string_list(map, "yes_no_quick_replies", out.yes_no_quick_replies);
  diag.string_field(map, "checklist_none", out.checklist_none, false);
  diag.string_list(map, "reask", out.reask);
  diag.string_list(map, "bare_number_words", out.bare_number_words);
  read_pleas(map["pleas"], diag, out);
  read_map(map, "small_talk", diag, out.small_talk);
  read_map(map, "how_to", diag, out.how_to);
  for (const auto& i : map["interrupts"]) {
    auto when = read_when(i, diag);
    if (!when) continue;
    Flow::Interrupt in{std::move(*when), {}, {}, i.Mark()};
    diag.string_list(i, "from", in.from);
    diag.string_field(i, "go", in.go, true);
    out.interrupts.push_back(std::move(in));
  }
}

void read_acknowledgements(const YAML::Node& map, const YamlDiag& diag,
                           Flow::Acknowledgements& out) {
  if (!map.IsMap()) {
    diag.error(map, "'acknowledgements' must be a map with lead, facts and numbers");
    return;
  }
  diag.known_keys(map, {"lead", "facts", "numbers"});
  diag.string_field(map, "lead", out.lead, true);
  read_map(map, "facts", diag, out.facts);
  read_map(map, "numbers", diag, out.numbers);
}

}  // namespace backcoach::dialogue
