// Answering the question being asked: a yes or no, a number (with its cue, or bare), a
// choice (a tapped quick reply or the words of one). Checklists are answered in
// turn_checklist.cpp, reminder times and body zones in turn_coaching.cpp.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "dialogue/turn.h"

namespace backcoach::dialogue {

Turn::Outcome Turn::answer_current() {
  const Node* n = current();
  if (n == nullptr || n->type != NodeType::kQuestion) return Outcome::kNone;
  switch (n->answer) {
    case AnswerType::kYesNo:
      return answer_yes_no(*n);
    case AnswerType::kNumber:
      return answer_number(*n);
    case AnswerType::kChoice:
      return answer_choice(*n);
    case AnswerType::kChecklist:
      return answer_checklist(*n);
    case AnswerType::kTime:
      return answer_time(*n);
    case AnswerType::kZone:
      return answer_zone(*n);
  }
  return Outcome::kNone;
}

Turn::Outcome Turn::answer_yes_no(const Node& n) {
  if (already_answered(n)) return Outcome::kAnswered;  // "no numbness" answers "any numbness?"
  const bool yes = hit("yes"), no = hit("no");
  if (hedged() || (yes && no)) return Outcome::kUnclear;
  if (yes) {
    s_.facts.truth[n.facts.front()] = true;
    for (const auto& [scale, points] : n.yes_score) s_.scores[scale] += points;
    return Outcome::kAnswered;
  }
  if (no) {
    for (const auto& f : n.facts) {
      if (!s_.facts.known(f)) s_.facts.truth[f] = false;
    }
    return Outcome::kAnswered;
  }
  return Outcome::kUnclear;
}

Turn::Outcome Turn::answer_number(const Node& n) {
  if (hit("unsure")) return Outcome::kUnclear;
  std::optional<double> v;
  bool other_slot = false;  // "for 3 weeks" at "how old are you?" is a duration, not an age
  for (const auto& h : hits_) {
    const IntentDef& d = rules_.matcher->intents()[h.intent];
    if (d.kind != IntentKind::kNumber || !h.value) continue;
    // Someone else's or a hypothetical number is no answer ("carrying the sofa with my
    // 15 year old" at "how old are you?"), and no bare number stands in for it either.
    if (h.ignored()) {
      other_slot = true;
      continue;
    }
    if (d.number == n.number)
      v = h.value;
    else
      other_slot = true;
  }
  // A number with no cue answers the question only when it stands alone ("52",
  // "about 52", "52, about a 6"); "3 kids" or "at 5 am" is not an age, and a number
  // the message gave with its own cue ("I'm 47" at the pain question) is taken.
  if (!v && !other_slot) v = bare_number();
  if (!v) {
    if (s_.facts.number(n.number)) return Outcome::kAnswered;
    return other_slot ? Outcome::kNone : Outcome::kUnclear;
  }
  if (*v < n.min || *v > n.max) {
    s_.facts.numbers.erase(n.number);
    say_response("number_out_of_range");
    return Outcome::kUnclear;
  }
  s_.facts.numbers[n.number] = *v;
  return Outcome::kAnswered;
}

// The number a message is made of: the whole message is the number with only hedge
// or unit words around it (flow.bare_number_words), or it leads the message and a
// clause ends after it ("52, about a 6").
std::optional<double> Turn::bare_number() const {
  std::vector<std::string> words;
  for (std::size_t i = 0, j; i < norm_.size(); i = j + 1) {
    j = norm_.find(' ', i);
    if (j == std::string::npos) j = norm_.size();
    if (j > i) words.push_back(norm_.substr(i, j - i));
  }
  const auto& fill = rules_.flow.bare_number_words;
  std::optional<double> found;
  for (const auto& w : words) {
    char* end = nullptr;
    const double value = std::strtod(w.c_str(), &end);
    const bool number = std::isdigit(static_cast<unsigned char>(w[0])) && end && *end == '\0';
    if (number && !found) {
      found = value;
      continue;
    }
    if (found && (w == "," || w == ";" || w == ".")) return found;  // "52, about 6"
    if (std::none_of(w.begin(), w.end(), [](unsigned char c) { return std::isalnum(c); })) {
      continue;  // an emoji or a stray symbol says nothing about the number
    }
    if (std::find(fill.begin(), fill.end(), w) == fill.end()) return std::nullopt;
  }
  return found;
}

Turn::Outcome Turn::answer_choice(const Node& n) {
  // A tapped quick reply (the option's label) means exactly that option.
  for (const auto& c : n.choices) {
    if (c.label_normalised == norm_) {
      apply_choice(c);
      // The option's own value wins over numbers read out of its words: "6 weeks
      // to 3 months" is over six weeks, not 6.
      for (const auto& [k, v] : c.numbers) s_.facts.numbers[k] = v;
      return Outcome::kAnswered;
    }
  }
  std::size_t picked = 0;
  for (const auto& c : n.choices) {
    if (!n.multi && picked > 0) break;
    if (std::any_of(c.intents.begin(), c.intents.end(),
                    [&](const std::string& id) { return hit(id); })) {
      apply_choice(c);
      ++picked;
    }
  }
  if (picked == 0) {
    for (const auto& c : n.choices) {  // "about 3 weeks" answers "how long?" with a number
      for (const auto& [k, v] : c.numbers) {
        if (s_.facts.number(k)) return Outcome::kAnswered;
      }
    }
    if (hit("unsure")) return Outcome::kUnclear;
    return informative_ ? Outcome::kNone : Outcome::kUnclear;
  }
  return Outcome::kAnswered;
}

void Turn::apply_choice(const Choice& c) {
  for (const auto& [f, v] : c.sets) {
    if (v || !s_.facts.affirmed(f)) s_.facts.truth[f] = v;
  }
  for (const auto& [k, v] : c.numbers) {
    if (!s_.facts.number(k)) s_.facts.numbers[k] = v;
  }
  for (const auto& [scale, points] : c.score) s_.scores[scale] += points;
  if (!c.value.empty()) picked_value_ = c.value;
}

}  // namespace backcoach::dialogue
