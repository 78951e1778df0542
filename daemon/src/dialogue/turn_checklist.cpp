// Checklist questions: "do you have any of these?" over the signs still unknown.
// Items named are affirmed, "none of these" denies every item listed, a hedged item is
// asked again alone as a yes/no, and an unclear answer is never taken as "no".
#include <algorithm>

#include "dialogue/turn.h"

namespace backcoach::dialogue {
namespace {

bool item_known(const ChecklistItem& item, const triage::Facts& facts) {
  const auto& f = item.facts;
  return std::any_of(f.begin(), f.end(), [&](const auto& x) { return facts.affirmed(x); }) ||
         std::all_of(f.begin(), f.end(), [&](const auto& x) { return facts.denied(x); });
}

}  // namespace

// The items the question lists: those whose `when` holds and whose facts `facts` does
// not settle yet.
std::vector<std::size_t> Turn::open_items(const Node& node, const triage::Facts& facts) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const ChecklistItem& item = node.items[i];
    if (item.when.eval(ctx()) && !item_known(item, facts)) out.push_back(i);
  }
  return out;
}

Turn::Outcome Turn::answer_checklist(const Node& n) {
  if (s_.alone_item >= 0) return answer_item_alone(n);
  // What the question listed when it was asked: the facts before this message.
  const std::vector<std::size_t> listed = open_items(n, before_);
  for (std::size_t i : listed) {  // a tapped quick reply is exactly that item
    if (n.items[i].label_normalised == norm_) {
      affirm_item(n.items[i]);
      if (n.unticked_is_no) {
        for (std::size_t j : listed) deny_item(n.items[j]);
      }
      return Outcome::kAnswered;
    }
  }
  const ChecklistReply r = read_checklist(n, listed);
  // A hedge tied to no item ("no... I think, not sure") leaves the whole list open:
  // never a "no" with a doubt in it.
  if (r.hedged < 0 && hedged()) return Outcome::kUnclear;
  if (r.none && hit("yes") && r.picked == 0) return Outcome::kUnclear;  // "yeah nah"
  if (r.none || (r.picked > 0 && n.unticked_is_no)) {
    for (std::size_t i : listed) {
      if (static_cast<int>(i) != r.hedged) deny_item(n.items[i]);
    }
  }
  if (r.hedged >= 0) {
    s_.alone_item = r.hedged;
    say_response("checklist_hedged");
    asking_alone_ = true;
    return Outcome::kNone;
  }
  if (r.none || r.picked > 0) return Outcome::kAnswered;
  if (r.named) return Outcome::kNone;  // one item denied: the rest are asked again
  const bool yes = yes_to_the_list(n, listed);
  if (yes && !n.yes_affirms.empty()) {  // yes to a list of emergencies
    s_.facts.truth[n.yes_affirms] = true;
    return Outcome::kAnswered;
  }
  if (yes && !hit("unsure")) {  // yes to a list: which of them?
    say_response("checklist_which");
    clarified_ = true;
  }
  return Outcome::kUnclear;
}

// A "yes" answers the list unless it leads into something else the person tells in the
// same sentence ("before you ask about weight, yes I've lost two stone"): then it is that
// statement's yes, and the list, still unanswered, is asked again; never taken as a no.
bool Turn::yes_to_the_list(const Node& n, const std::vector<std::size_t>& listed) const {
  const auto& intents = rules_.matcher->intents();
  auto yes = std::find_if(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    return h.affirmed() && intents[h.intent].id == "yes";
  });
  if (yes == hits_.end()) return false;
  std::size_t sentence_end = norm_.find_first_of(".!?\n", yes->position);
  if (sentence_end == std::string::npos) sentence_end = norm_.size();
  return std::none_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    const IntentDef& d = intents[h.intent];
    // whatever its context: "yes I've lost two stone, on purpose" is still about weight
    const bool told = (d.kind == IntentKind::kSymptom || d.kind == IntentKind::kInfo) &&
                      h.position > yes->position && h.position < sentence_end;
    return told && std::none_of(listed.begin(), listed.end(),
                                [&](std::size_t i) { return tells_of(h, n.items[i]); });
  });
}

// Reads a reply to the list: affirms the items it names, denies those it denies by
// name ("no fever", "no bladder trouble"), and finds the first hedged item.
Turn::ChecklistReply Turn::read_checklist(const Node& n, const std::vector<std::size_t>& listed) {
  ChecklistReply r;
  const bool no = hit("no"), all = hit("none_of_these");
  std::size_t mentioned = 0, denied = 0;
  for (std::size_t i : listed) {
    const ChecklistItem& item = n.items[i];
    const bool mention = names(item.mentions, false);
    if (mention) ++mentioned;
    if (mention || says(item, Said::kDenied)) r.named = true;
    // "no numbness" at a list that has "numbness around your bottom" answers that item;
    // "no bladder stuff" the bladder one
    if (denied_now(item.mentions) || says(item, Said::kDenied) || (no && mention && !all)) {
      deny_item(item);
    }
    const auto& f = item.facts;
    if (std::all_of(f.begin(), f.end(), [&](const auto& x) { return s_.facts.denied(x); })) {
      r.named = true;  // denied by this message, in whatever words
      ++denied;
    }
  }
  // "no fever" denies the fever, not the list; "none of these", a plain "no", or a list of
  // denials ("no numbness, waterworks fine") denies all.
  r.none = all || (no && !r.named) || denied >= 2;
  for (std::size_t i : listed) {
    const ChecklistItem& item = n.items[i];
    const bool mention = names(item.mentions, false);
    // "not sure about the bladder thing", "maybe a bit numb down there"
    if (says(item, Said::kHedged) || names(item.mentions, true) || (mention && hit("unsure"))) {
      if (r.hedged < 0 && !item_known(item, s_.facts)) r.hedged = static_cast<int>(i);
      continue;
    }
    const auto& f = item.facts;
    if (std::any_of(f.begin(), f.end(), [&](const auto& x) { return s_.facts.affirmed(x); }) ||
        says(item, Said::kAffirmed) || (mention && mentioned == 1 && hit("yes") && !no)) {
      affirm_item(item);
      ++r.picked;
    }
  }
  return r;
}

// The answer to one hedged item asked alone; then back to the rest of the list.
Turn::Outcome Turn::answer_item_alone(const Node& n) {
  const ChecklistItem& item = n.items[static_cast<std::size_t>(s_.alone_item)];
  if (!item_known(item, s_.facts)) {
    const bool yes = hit("yes"), no = hit("no");
    if (hedged() || yes == no) return Outcome::kUnclear;
    if (yes)
      affirm_item(item);
    else
      deny_item(item);
  }
  s_.alone_item = -1;
  return open_items(n, s_.facts).empty() ? Outcome::kAnswered : Outcome::kNone;
}

void Turn::affirm_item(const ChecklistItem& item) { s_.facts.truth[item.facts.front()] = true; }

// A denial never overwrites what was affirmed.
void Turn::deny_item(const ChecklistItem& item) {
  for (const auto& f : item.facts) {
    if (!s_.facts.known(f)) s_.facts.truth[f] = false;
  }
}

// Questionnaire points for every affirmed item, once, when the question is left.
void Turn::score_checklist(const Node& node) {
  for (const auto& item : node.items) {
    if (!s_.facts.affirmed(item.facts.front())) continue;
    for (const auto& [scale, points] : item.score) s_.scores[scale] += points;
  }
}

// Whether one of `intents` was found: affirmed, or (uncertain = true) hedged.
bool Turn::names(const std::vector<std::string>& intents, bool uncertain) const {
  return std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    if (h.negated || h.ignored() || h.uncertain != uncertain) return false;
    const std::string& id = rules_.matcher->intents()[h.intent].id;
    return std::find(intents.begin(), intents.end(), id) != intents.end();
  });
}

// Whether the message says the item (tells_of): affirmed, hedged, or denied ("no fever").
bool Turn::says(const ChecklistItem& item, Said how) const {
  return std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    if (h.ignored()) return false;
    if (how == Said::kAffirmed && (h.negated || h.uncertain)) return false;
    if (how == Said::kHedged && (h.negated || !h.uncertain)) return false;
    if (how == Said::kDenied && !h.negated) return false;
    return tells_of(h, item);
  });
}

// Whether a mention is of the item, whatever its context: by one of the item's intents,
// or by any intent (or assembled fact) that sets one of its facts.
bool Turn::tells_of(const IntentHit& h, const ChecklistItem& item) const {
  const IntentDef& d = rules_.matcher->intents()[h.intent];
  const auto& ids = item.intents;
  if (std::find(ids.begin(), ids.end(), d.id) != ids.end()) return true;
  if (d.kind != IntentKind::kSymptom && d.kind != IntentKind::kInfo) return false;
  return std::any_of(d.facts.begin(), d.facts.end(), [&](const std::string& f) {
    return std::find(item.facts.begin(), item.facts.end(), f) != item.facts.end();
  });
}

// Whether one of `intents` was denied in this message ("no fever").
bool Turn::denied_now(const std::vector<std::string>& intents) const {
  return std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    if (!h.negated || h.ignored()) return false;
    const std::string& id = rules_.matcher->intents()[h.intent].id;
    return std::find(intents.begin(), intents.end(), id) != intents.end();
  });
}

std::string Turn::checklist_text(const Node& node) const {
  std::string out;
  for (std::size_t i : open_items(node, s_.facts)) out += "\n• " + node.items[i].label;
  return out;
}

std::vector<std::string> Turn::checklist_quick_replies(const Node& node) const {
  std::vector<std::string> quick;
  if (!rules_.flow.checklist_none.empty()) quick.push_back(rules_.flow.checklist_none);
  for (std::size_t i : open_items(node, s_.facts)) quick.push_back(node.items[i].label);
  return quick;
}

}  // namespace backcoach::dialogue
