// Moving through the flow graph: which node comes next, what each node says.
#include <algorithm>

#include "dialogue/turn.h"

namespace backcoach::dialogue {
namespace {
constexpr int kMaxHops = 200;  // guards against a cycle of nodes that ask nothing
}

void Turn::advance_from(const Node& node) {
  if (node.answer == AnswerType::kChecklist && node.type == NodeType::kQuestion) {
    score_checklist(node);
  }
  s_.answered.insert(node.id);
  enter(next_of(node));
}

const Node* Turn::next_of(const Node& node) const {
  for (const auto& b : node.branches) {
    if (b.when.eval(ctx())) return rules_.flow.find(b.go);
  }
  return rules_.flow.successor(node);
}

// Runs nodes from `node` until one waits for the person (a question or a stop).
void Turn::enter(const Node* node) {
  for (int hops = 0; node != nullptr && hops < kMaxHops; ++hops) {
    if (!node->when.eval(ctx())) {
      node = next_of(*node);
      continue;
    }
    if (node->completes_intake) complete_intake();
    if (node->screening_done && !s_.tier) s_.tier = triage::Tier::kSelfCare;
    if (node->action == NodeAction::kScheduleCheckin) out_.actions.emplace_back(ScheduleCheckin{});
    if (node->action == NodeAction::kOpenJournal) {
      out_.actions.emplace_back(OpenJournal{});
      open_checkin();
    }
    switch (node->type) {
      case NodeType::kQuestion:
        s_.alone_item = -1;
        if (already_answered(*node)) {
          if (node->answer == AnswerType::kChecklist && s_.answered.count(node->id) == 0) {
            score_checklist(*node);  // every item was told before it was asked
          }
          s_.answered.insert(node->id);
          break;
        }
        s_.node = node->id;
        ask(*node, Ask::kFirst);
        return;
      case NodeType::kStop:
        s_.alone_item = -1;
        s_.node = node->id;
        for (const auto& t : node->text) say(t, node->quick_replies);
        return;
      case NodeType::kSay:
        for (const auto& t : node->text) say(t, node->quick_replies);
        break;
      case NodeType::kDecide:
        for (const auto& r : node->rules) {
          if (!r.when.eval(ctx())) continue;
          for (const auto& [f, v] : r.sets) s_.facts.truth[f] = v;
        }
        screen();  // a questionnaire band can raise a flag
        break;
      case NodeType::kRoutine:
        recommend_routine(*node);
        break;
    }
    s_.node = node->id;
    node = next_of(*node);
  }
}

bool Turn::already_answered(const Node& node) const {
  if (s_.answered.count(node.id) != 0) return true;
  switch (node.answer) {
    case AnswerType::kYesNo: {
      const auto& f = node.facts;
      return std::any_of(f.begin(), f.end(), [&](const auto& x) { return s_.facts.affirmed(x); }) ||
             std::all_of(f.begin(), f.end(), [&](const auto& x) { return s_.facts.denied(x); });
    }
    case AnswerType::kNumber:
      return s_.facts.number(node.number).has_value();
    case AnswerType::kChoice: {
      // Answered when a number one of its options sets is known (said as "3 weeks"),
      // or every fact one of its options sets is already affirmed.
      for (const auto& c : node.choices) {
        for (const auto& [k, v] : c.numbers) {
          if (s_.facts.number(k)) return true;
        }
      }
      return std::any_of(node.choices.begin(), node.choices.end(), [&](const Choice& c) {
        return !c.sets.empty() && c.score.empty() &&
               std::all_of(c.sets.begin(), c.sets.end(), [&](const auto& kv) {
                 return kv.second && s_.facts.affirmed(kv.first);
               });
      });
    }
    case AnswerType::kChecklist:
      return open_items(node, s_.facts).empty();
    case AnswerType::kTime:
      return s_.facts.number(node.number).has_value() ||
             (!node.facts.empty() && s_.facts.known(node.facts.front()));
    case AnswerType::kZone:
      return !s_.facts.affirmed(node.facts.front());
  }
  return false;
}

void Turn::ask(const Node& node, Ask how) {
  std::vector<std::string> text = node.text;
  std::vector<std::string> quick = node.quick_replies;
  if (node.answer == AnswerType::kChecklist) {
    if (s_.alone_item >= 0) {
      text = {node.items[static_cast<std::size_t>(s_.alone_item)].alone};
      quick = rules_.flow.yes_no_quick_replies;
    } else {
      text.back() += checklist_text(node);
      quick = checklist_quick_replies(node);
    }
  }
  if (quick.empty() && node.answer == AnswerType::kYesNo) quick = rules_.flow.yes_no_quick_replies;
  if (quick.empty() && node.answer == AnswerType::kChoice) {
    for (const auto& c : node.choices) quick.push_back(c.label);
  }
  // Asked again, the question is one bubble: the lead-in and the question itself, so
  // the person sees why it comes back and never the same bubble twice in a row.
  if (how != Ask::kFirst) text = {lead_in(node, how) + text.back()};
  for (std::size_t i = 0; i < text.size(); ++i) {
    say(text[i], i + 1 == text.size() ? quick : std::vector<std::string>{});
  }
}

// "Back to my question: " (varied by turn, so two re-asks in a row differ), or the
// "didn't get that" lead-ins of responses.
std::string Turn::lead_in(const Node& node, Ask how) const {
  if (how == Ask::kNotUnderstood) return rules_.response("not_understood") + " ";
  if (how == Ask::kPick) return rules_.response("not_understood_pick") + " ";
  const auto& leads = node.reask.empty() ? rules_.flow.reask : node.reask;
  if (leads.empty()) return "";
  return leads[static_cast<std::size_t>(s_.turn) % leads.size()] + " ";
}

void Turn::complete_intake() {
  s_.intake_done = true;
  if (!s_.tier) s_.tier = triage::Tier::kSelfCare;
}

void Turn::recommend_routine(const Node& node) {
  if (s_.tier && *s_.tier >= triage::Tier::kSoon) return;  // the guide: pause and consult
  s_.routine = choose_routine(rules_.routine, rules_, ctx());
  if (s_.level == 0 && !rules_.progression.levels.empty()) s_.level = rules_.progression.start;
  for (const auto& t : node.text) say(t);
  for (const auto& id : s_.routine) {
    const Exercise* e = rules_.exercise(id);
    out_.replies.push_back({e->name, {}, id});
    out_.exercises.push_back(id);
  }
  out_.actions.emplace_back(Recommend{s_.routine});
}

}  // namespace backcoach::dialogue
