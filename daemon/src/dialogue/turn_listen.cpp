// Listening: what a message told or asked besides the answer to the question. Facts
// learned are acknowledged in a few words, greetings answered, an exercise's how-to
// shown, and a plea to delay after a referral met with that referral's advice again.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "dialogue/turn.h"

namespace backcoach::dialogue {
namespace {

std::string format_number(double v) {
  char buf[32];
  if (std::abs(v - std::round(v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}

std::string fill(const std::string& pattern, const std::string& value) {
  for (const char* slot : {"{}", "{label}"}) {
    const auto at = pattern.find(slot);
    if (at != std::string::npos) {
      return pattern.substr(0, at) + value + pattern.substr(at + std::string_view(slot).size());
    }
  }
  return pattern;
}

// "a", "a and b", "a, b and c"
std::string join(const std::vector<std::string>& parts, const std::string& and_word) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " " + and_word + " " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

// The label of the choice, in any question, whose value for `slot` is nearest `value`, in
// lower case: 3 weeks is "3 to 6 weeks" in the duration question's own words.
std::string Turn::band_label(const std::string& slot, double value) const {
  std::string best;
  double distance = 0;
  for (const auto& node : rules_.flow.nodes) {
    for (const auto& c : node.choices) {
      auto it = c.numbers.find(slot);
      if (it == c.numbers.end()) continue;
      const double d = std::abs(it->second - value);
      if (best.empty() || d < distance) {
        best = c.label;
        distance = d;
      }
    }
  }
  if (best.empty()) return format_number(value);
  best[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(best[0])));
  return best;
}

// Whether `name` (a fact, or a number slot) is what the question `asked` asks for.
bool Turn::answers_question(const Node* asked, const std::string& name, bool number) const {
  if (asked == nullptr || asked->type != NodeType::kQuestion) return false;
  if (number && asked->number == name) return true;
  auto has = [&](const std::vector<std::string>& v) {
    return std::find(v.begin(), v.end(), name) != v.end();
  };
  if (has(asked->facts)) return true;
  for (const auto& c : asked->choices) {
    if (number ? c.numbers.count(name) != 0 : c.sets.count(name) != 0) return true;
  }
  return std::any_of(asked->items.begin(), asked->items.end(),
                     [&](const ChecklistItem& i) { return has(i.facts); });
}

// "Got it: you're 52 and sitting makes it worse." Only what this message added beyond
// the answer to the question asked; a new flag's own words acknowledge it instead.
void Turn::acknowledge(const Node* asked) {
  const auto& ack = rules_.flow.acknowledgements;
  if (!out_.new_flags.empty() || ack.lead.empty()) return;
  std::vector<std::string> phrases;
  auto add = [&](const std::string& p) {
    if (std::find(phrases.begin(), phrases.end(), p) == phrases.end()) phrases.push_back(p);
  };
  for (const auto& [slot, phrase] : ack.numbers) {
    const auto now = s_.facts.number(slot);
    if (now && now != before_.number(slot) && !answers_question(asked, slot, true)) {
      add(fill(phrase, phrase.find("{label}") != std::string::npos ? band_label(slot, *now)
                                                                   : format_number(*now)));
    }
  }
  for (const auto& [fact, phrase] : ack.facts) {
    if (s_.facts.affirmed(fact) && !before_.affirmed(fact) &&
        !answers_question(asked, fact, false)) {
      add(phrase);
    }
  }
  if (phrases.empty()) return;
  say(fill(ack.lead, join(phrases, rules_.response("and"))));
  informative_ = true;
}

// A greeting or thanks gets its reply first, before anything else the turn says.
void Turn::small_talk() {
  if (!out_.new_flags.empty()) return;
  for (const auto& [intent, reply] : rules_.flow.small_talk) {
    if (!hit(intent)) continue;
    out_.replies.insert(out_.replies.begin(), Reply{reply, {}, std::nullopt});
    informative_ = conversed_ = true;
    return;
  }
}

// "How do I do the cat cow?": that exercise's card, wherever the conversation is;
// from `soon` up the routine is paused, and the person is told so instead.
void Turn::show_how_to() {
  for (const auto& h : hits_) {
    if (!h.affirmed()) continue;
    const auto it = rules_.flow.how_to.find(rules_.matcher->intents()[h.intent].id);
    if (it == rules_.flow.how_to.end()) continue;
    replied_ = conversed_ = true;
    if (s_.tier && *s_.tier >= triage::Tier::kSoon) {
      say_response("routine_paused");
      return;
    }
    const Exercise* e = rules_.exercise(it->second);
    // Asked by name and by its movement in one message: one card.
    if (std::find(out_.exercises.begin(), out_.exercises.end(), e->id) != out_.exercises.end()) {
      continue;
    }
    out_.replies.push_back({e->name, {}, e->id});
    out_.exercises.push_back(e->id);
    say(e->dose + " " + e->form);  // the card shows the steps; the essentials are said too
  }
}

// After a referral, "can't I wait till Monday?" gets the tier's advice again, firmly,
// in the words for that plea.
void Turn::answer_plea() {
  if (!s_.tier || *s_.tier < triage::Tier::kSoon) return;
  const std::string tier(triage::to_string(*s_.tier));
  for (const auto& plea : rules_.flow.pleas) {
    if (!hit(plea.intent)) continue;
    const auto it = plea.say.find(tier);
    if (it == plea.say.end()) continue;
    say(it->second);
    replied_ = conversed_ = true;
    return;
  }
}

// Whether the message carried anything the engine read: a fact, a question, a
// greeting. A bare yes, no or "not sure" that answers nothing does not count.
bool Turn::read_something() const {
  if (informative_ || replied_) return true;
  return std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    const IntentDef& d = rules_.matcher->intents()[h.intent];
    return d.kind != IntentKind::kAnswer || (d.id != "yes" && d.id != "no" && d.id != "unsure");
  });
}

}  // namespace backcoach::dialogue
