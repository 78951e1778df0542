#include <deque>
#include <set>
#include <string>

#include "dialogue/loader.h"

namespace backcoach::dialogue {
namespace {

// For a problem with no single place in a file (reported as "file: why", not "file:1:1").
const YAML::Mark kNowhere = YAML::Mark::null_mark();

// The facts, numbers and scores that anything in the rules can set.
struct Produced {
  // set by the engine itself
  std::set<std::string> facts{"unclear_answer", ProgressionRules::kFeltWorse};
  std::set<std::string> numbers{ProgressionRules::kTrendDays, ProgressionRules::kPainChange,
                                ProgressionRules::kPainRise, ProgressionRules::kGoodCheckins};
  std::set<std::string> scores;
};

class Validator {
 public:
  Validator(const RuleSetImpl& r, const std::map<std::string, std::string>& files,
            std::string rules_dir, std::vector<Diagnostic>& out)
      : r_(r),
        files_(files),
        rules_dir_(std::move(rules_dir)),
        out_(out),
        flow_file_(file_of("flow")) {}

  void run() {
    collect_produced();
    check_responses();
    check_flow_refs();
    check_reachable();
    check_flags();
    check_exercises();
    check_faq();
    check_perspective();
    check_intent_ids();
  }

 private:
  void error(const std::string& file, const YAML::Mark& m, const std::string& msg) {
    out_.push_back({file, m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1, msg});
  }
  void flow_error(const YAML::Mark& m, const std::string& msg) { error(flow_file_, m, msg); }
  std::string file_of(const std::string& section) const {
    auto it = files_.find(section);
    return it == files_.end() ? rules_dir_ : it->second;
  }

  void collect_produced() {
    for (const auto& i : r_.matcher->intents()) {
      produced_.facts.insert(i.facts.begin(), i.facts.end());
      if (!i.number.empty()) produced_.numbers.insert(i.number);
    }
    for (const auto& n : r_.flow.nodes) {
      produced_.facts.insert(n.facts.begin(), n.facts.end());
      if (!n.number.empty()) produced_.numbers.insert(n.number);
      for (const auto& [k, v] : n.yes_score) produced_.scores.insert(k);
      for (const auto& c : n.choices) {
        for (const auto& [k, v] : c.sets) produced_.facts.insert(k);
        for (const auto& [k, v] : c.numbers) produced_.numbers.insert(k);
        for (const auto& [k, v] : c.score) produced_.scores.insert(k);
      }
      for (const auto& rule : n.rules) {
        for (const auto& [k, v] : rule.sets) produced_.facts.insert(k);
      }
      if (!n.yes_affirms.empty()) produced_.facts.insert(n.yes_affirms);
      for (const auto& item : n.items) {
        produced_.facts.insert(item.facts.begin(), item.facts.end());
        for (const auto& [k, v] : item.score) produced_.scores.insert(k);
      }
    }
  }

  void check_condition(const triage::Condition& c, const std::string& file) {
    std::vector<triage::Condition::Ref> refs;
    c.collect_refs(refs);
    for (const auto& ref : refs) {
      const bool fact = produced_.facts.count(ref.name) != 0;
      const bool number = produced_.numbers.count(ref.name) != 0;
      const bool ok = ref.kind == "fact"     ? fact
                      : ref.kind == "number" ? number
                      : ref.kind == "score"  ? produced_.scores.count(ref.name) != 0
                                             : fact || number;
      if (!ok) {
        error(file, ref.mark,
              "condition reads " + ref.kind + " '" + ref.name +
                  "' that no intent, question or rule ever sets");
      }
    }
  }

  void check_node_ref(const std::string& id, const YAML::Mark& m, const std::string& what) {
    if (r_.flow.find(id) == nullptr) flow_error(m, what + " refers to unknown node '" + id + "'");
  }

  void check_flow_refs() {
    if (r_.flow.find(r_.flow.start) == nullptr) {
      flow_error(kNowhere, "flow start '" + r_.flow.start + "' is not a node");
    }
    for (const auto& n : r_.flow.nodes) {
      if (!n.next.empty()) check_node_ref(n.next, n.mark, "node '" + n.id + "' next");
      for (const auto& b : n.branches) {
        check_node_ref(b.go, b.mark, "a branch of '" + n.id + "'");
        check_condition(b.when, flow_file_);
      }
      check_condition(n.when, flow_file_);
      for (const auto& rule : n.rules) check_condition(rule.when, flow_file_);
      for (const auto& c : n.choices) {
        for (const auto& i : c.intents) {
          if (!r_.matcher->find(i)) {
            flow_error(c.mark, "choice '" + c.label + "' refers to unknown intent '" + i + "'");
          }
        }
      }
      if (n.answer == AnswerType::kNumber && n.type == NodeType::kQuestion && n.min > n.max) {
        flow_error(n.mark, "node '" + n.id + "' has min > max");
      }
      check_items(n);
    }
    check_listening();
    for (const auto& in : r_.flow.interrupts) {
      check_node_ref(in.go, in.mark, "an interrupt");
      for (const auto& f : in.from) check_node_ref(f, in.mark, "an interrupt's 'from'");
      check_condition(in.when, flow_file_);
    }
    for (const auto& [event, node] : r_.events) {
      if (r_.flow.find(node) == nullptr) {
        flow_error(kNowhere, "event '" + event + "' refers to unknown node '" + node + "'");
      }
    }
  }

  void check_intent_ref(const std::string& id, const YAML::Mark& m, const std::string& what) {
    if (!r_.matcher->find(id)) flow_error(m, what + " refers to unknown intent '" + id + "'");
  }

  // Checklist items: known intents, and a question of their own for when the answer
  // about them is hedged (a red-flag item is never taken as "no").
  void check_items(const Node& n) {
    if (n.type != NodeType::kQuestion || n.answer != AnswerType::kChecklist) return;
    for (const auto& item : n.items) {
      const std::string what = "checklist item '" + item.label + "'";
      for (const auto& i : item.intents) check_intent_ref(i, item.mark, what);
      for (const auto& i : item.mentions) check_intent_ref(i, item.mark, what);
      if (item.alone.empty() && !n.unticked_is_no) {
        flow_error(item.mark, what + " needs 'alone', the question asking it by itself");
      }
      check_condition(item.when, flow_file_);
    }
  }

  void check_listening() {
    const auto& f = r_.flow;
    for (const auto& p : f.pleas) {
      check_intent_ref(p.intent, p.mark, "a plea");
      for (const char* tier : {"soon", "urgent", "emergency"}) {
        if (p.say.count(tier) == 0) {
          flow_error(p.mark, "plea '" + p.intent + "' has no text for tier '" + tier + "'");
        }
      }
    }
    for (const auto& [intent, reply] : f.small_talk)
      check_intent_ref(intent, kNowhere, "small_talk");
    for (const auto& [intent, exercise] : f.how_to) {
      check_intent_ref(intent, kNowhere, "how_to");
      if (r_.exercise(exercise) == nullptr) {
        flow_error(kNowhere, "how_to '" + intent + "' names unknown exercise '" + exercise + "'");
      }
    }
    const std::string ack_file = file_of("acknowledgements");
    for (const auto& [fact, phrase] : f.acknowledgements.facts) {
      if (produced_.facts.count(fact) == 0) {
        error(ack_file, kNowhere, "acknowledgement for fact '" + fact + "' that nothing sets");
      }
    }
    for (const auto& [slot, phrase] : f.acknowledgements.numbers) {
      if (produced_.numbers.count(slot) == 0) {
        error(ack_file, kNowhere, "acknowledgement for number '" + slot + "' that nothing sets");
      }
    }
  }

  void check_reachable() {
    std::set<std::string> seen;
    std::deque<std::string> todo{r_.flow.start};
    for (const auto& in : r_.flow.interrupts) todo.push_back(in.go);
    for (const auto& [e, node] : r_.events) todo.push_back(node);
    while (!todo.empty()) {
      const Node* n = r_.flow.find(todo.front());
      todo.pop_front();
      if (n == nullptr || !seen.insert(n->id).second) continue;
      for (const auto& b : n->branches) todo.push_back(b.go);
      if (n->type == NodeType::kStop && n->next.empty()) continue;
      if (const Node* s = r_.flow.successor(*n)) todo.push_back(s->id);
    }
    for (const auto& n : r_.flow.nodes) {
      if (seen.count(n.id) == 0) flow_error(n.mark, "node '" + n.id + "' is unreachable");
    }
  }

  void check_responses() {
    for (const auto& id : RuleSetImpl::required_responses()) {
      if (r_.responses.count(id) == 0)
        error(file_of("responses"), kNowhere, "missing response '" + id + "'");
    }
    for (const auto& id : RuleSetImpl::required_telegram_texts()) {
      if (r_.telegram_texts.count(id) == 0) {
        error(file_of("telegram"), kNowhere, "missing Telegram text '" + id + "'");
      }
    }
    for (const char* tier : {"soon", "urgent", "emergency"}) {
      if (r_.tier_advice.count(tier) == 0) {
        error(file_of("tier_advice"), kNowhere,
              std::string("missing tier_advice for '") + tier + "'");
      }
    }
    for (const auto& tier : RuleSetImpl::banner_tiers()) {
      const auto banner = r_.tier_banners.find(tier);
      for (const auto& text : RuleSetImpl::banner_texts()) {
        if (banner == r_.tier_banners.end() || banner->second.count(text) == 0) {
          error(file_of("tier_banner"), kNowhere,
                "missing tier_banner " + text + " for '" + tier + "'");
        }
      }
    }
    for (const char* id : {"yes", "no", "unsure"}) {
      auto i = r_.matcher->find(id);
      if (!i || r_.matcher->intents()[*i].kind != IntentKind::kAnswer) {
        error(file_of("intents"), kNowhere,
              std::string("the answer intent '") + id + "' is missing");
      }
    }
  }

  void check_flags() {
    const std::string file = file_of("flags");
    std::set<std::string> ids;
    for (const auto& f : r_.flags) {
      if (!ids.insert(f.id).second) error(file, f.mark, "duplicate flag id '" + f.id + "'");
      if (f.triggers.empty()) error(file, f.mark, "flag '" + f.id + "' has no tier");
      for (const auto& t : f.triggers) check_condition(t.when, file);
    }
    if (r_.assessed_when) check_condition(*r_.assessed_when, file_of("assessed_when"));
    if (ids.count("unclear_answers") == 0)
      error(file, kNowhere, "flag 'unclear_answers' is not defined");
  }

  void check_exercises() {
    const std::string file = file_of("routine");
    std::set<std::string> ids;
    for (const auto& e : r_.exercises) {
      if (!ids.insert(e.id).second)
        error(file_of("exercises"), e.mark, "duplicate exercise id '" + e.id + "'");
    }
    auto check_ids = [&](const std::vector<std::string>& list, const YAML::Mark& m) {
      for (const auto& id : list) {
        if (ids.count(id) == 0) error(file, m, "unknown exercise '" + id + "'");
      }
    };
    for (const auto* rules : {&r_.routine.stretch_rules, &r_.routine.core_rules}) {
      for (const auto& p : *rules) {
        check_ids(p.add, p.mark);
        check_condition(p.when, file);
      }
    }
    check_ids(r_.routine.default_stretches, {});
    check_ids(r_.routine.default_core, {});
    for (const auto& c : r_.progression.changes) check_condition(c.when, file_of("progression"));
  }

  // Rewrites are matched against canonical text and their output is read by patterns
  // written for canonical text: both sides must be what the normaliser produces.
  void check_perspective() {
    if (!r_.perspective) return;
    const PerspectiveConfig& p = r_.perspective->config();
    if (produced_.facts.count(p.when) == 0) {
      error(p.file, p.mark,
            "perspective is switched on by fact '" + p.when + "' that nothing sets");
    }
    for (const auto& [from, to] : p.rewrites) {
      const YAML::Mark& m = p.marks.at(from);
      if (r_.normalizer->normalize(from) != from) {
        error(p.file, m,
              "rewrite '" + from + "' is not canonical text (it reads '" +
                  r_.normalizer->normalize(from) + "')");
      }
      if (r_.normalizer->normalize(to) != to) {
        error(p.file, m,
              "rewrite of '" + from + "' gives '" + to + "', which is not canonical text");
      }
    }
  }

  void check_faq() {
    const std::string file = file_of("faq");
    std::set<std::string> answered;
    for (const auto& f : r_.faq) {
      auto idx = r_.matcher->find(f.intent);
      if (!idx || r_.matcher->intents()[*idx].kind != IntentKind::kFaq) {
        error(file, f.mark, "faq answer refers to '" + f.intent + "', which is not a faq intent");
      }
      if (!answered.insert(f.intent).second)
        error(file, f.mark, "duplicate faq for '" + f.intent + "'");
    }
    for (const auto& i : r_.matcher->intents()) {
      if (i.kind == IntentKind::kFaq && answered.count(i.id) == 0) {
        error(i.file, i.mark, "faq intent '" + i.id + "' has no answer in rules/");
      }
    }
  }

  // Examples and counter-examples are run by check_examples (example_checks.cpp), apart
  // from loading: they take most of a full check's time (docs/architecture.md).
  void check_intent_ids() {
    std::set<std::string> ids;
    for (const IntentDef& d : r_.matcher->intents()) {
      if (!ids.insert(d.id).second) error(d.file, d.mark, "duplicate intent id '" + d.id + "'");
      for (const auto& f : d.denies) {
        if (produced_.facts.count(f) == 0) {
          error(d.file, d.mark, "intent '" + d.id + "' denies fact '" + f + "' that nothing sets");
        }
      }
    }
  }

  const RuleSetImpl& r_;
  const std::map<std::string, std::string>& files_;
  std::string rules_dir_;  // names problems of a section that no file had
  std::vector<Diagnostic>& out_;
  std::string flow_file_;
  Produced produced_;
};

}  // namespace

void validate(const RuleSetImpl& rules, const std::map<std::string, std::string>& files,
              const std::string& rules_dir, std::vector<Diagnostic>& out) {
  Validator(rules, files, rules_dir, out).run();
}

}  // namespace backcoach::dialogue
