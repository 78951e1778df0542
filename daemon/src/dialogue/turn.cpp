#include "dialogue/turn.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/utf8.h"

namespace backcoach::dialogue {
namespace {

constexpr int kMaxReasks = 2;    // an unclear answer is asked again at most twice
constexpr int kMaxTalkPast = 1;  // a question talked past is asked once more, then left open

}  // namespace

Turn::Turn(const RuleSetImpl& rules, const ConversationState& state)
    : rules_(rules), out_{state, {}, {}, {}, {}, {}, {}}, s_(out_.state) {}

void Turn::on_start() { enter(rules_.flow.find(rules_.flow.start)); }

void Turn::on_event(const std::string& event, std::optional<int> day) {
  auto it = rules_.events.find(event);
  if (it == rules_.events.end()) return;
  event_day_ = day;
  // An event asks its question afresh each time (a daily check-in is a new answer).
  s_.answered.erase(it->second);
  s_.reasks.erase(it->second);
  refresh_checkin();
  enter(rules_.flow.find(it->second));
}

void Turn::on_text(const std::string& raw, bool zone_known) {
  ++s_.turn;
  zone_known_ = zone_known;
  std::string text = raw;
  if (!is_valid_utf8(text)) {
    text = repair_utf8(text);
    say_response("invalid_utf8");
  }
  raw_ = text;
  norm_ = rules_.normalizer->normalize(text);
  if (norm_.empty()) {
    say_response("empty_message");
    if (const Node* n = current(); n && n->type == NodeType::kQuestion) ask(*n, Ask::kBackTo);
    return;
  }
  MatchResult read = rules_.read(norm_, rules_.told_for_someone(s_.facts));
  if (read.failed) {
    // The reader could not finish (RE2 out of memory): never "nothing matched". Say so,
    // let the caller log and count it, and ask again; no fact is assumed either way.
    out_.actions.emplace_back(ReaderError{read.why});
    say_response("reader_failed");
    if (const Node* n = current(); n && n->type == NodeType::kQuestion) ask(*n, Ask::kBackTo);
    return;
  }
  hits_ = std::move(read.hits);
  correcting_ = std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    return !h.ignored() && rules_.matcher->intents()[h.intent].id == "correction";
  });
  for (const auto& h : hits_) {
    const std::string& id = rules_.matcher->intents()[h.intent].id;
    out_.intents.push_back(h.ignored()   ? "context:" + id
                           : h.negated   ? "not:" + id
                           : h.uncertain ? "unsure:" + id
                                         : id);
  }
  // The order of a turn that listens: record what was told, answer the question,
  // screen everything known, then acknowledge, answer questions and ask what is next.
  before_ = s_.facts;
  const Node* asked = current();
  apply_volunteered();
  const Outcome outcome = answer_current();
  record_journal(asked, outcome);
  screen();
  journal_flags(asked);
  progress();  // before a referral's words: the level it leaves for later is said first
  if (interrupt()) return;
  small_talk();
  acknowledge(asked);
  answer_faq_and_commands();
  show_how_to();
  answer_plea();
  handle_outcome(outcome);
}

// Facts and numbers the person offered, whatever was asked. A denial never
// overwrites an affirmation (what raised a flag stays raised) unless the person says
// they are correcting themselves: then a denial, a number, or the finding told as
// someone else's ("sorry, I meant my mum had cancer") replaces what was told before.
void Turn::apply_volunteered() {
  for (const auto& h : hits_) {
    const IntentDef& d = rules_.matcher->intents()[h.intent];
    if (d.kind == IntentKind::kNumber && h.value && !h.ignored()) {
      // Volunteered numbers fill empty slots only; the question that asks for one
      // takes the answer as given (answer_number).
      if (!s_.facts.number(d.number) || correcting_) s_.facts.numbers[d.number] = *h.value;
      informative_ = true;
    }
    if (d.kind != IntentKind::kSymptom && d.kind != IntentKind::kInfo) continue;
    const bool someone_elses = (h.context & kOtherPerson) != 0 && !h.uncertain;
    if (correcting_ && someone_elses) {
      for (const auto& f : d.facts) {
        if (s_.facts.affirmed(f)) s_.facts.truth[f] = false;
      }
      continue;
    }
    // Hedged, hypothetical, past or someone else's: nothing is affirmed or denied.
    if (h.uncertain || h.ignored()) continue;
    for (const auto& f : d.facts) {
      if (!h.negated)
        s_.facts.truth[f] = true;
      else if (!s_.facts.known(f) || correcting_)
        s_.facts.truth[f] = false;
    }
    informative_ = true;
  }
}

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

// Red-flag screening: every flag against everything known, on every message.
void Turn::screen() {
  if (correcting_) withdraw_corrected();
  const auto ctx_now = ctx();
  std::optional<triage::Tier> tier = s_.tier;
  for (const auto& f : rules_.flags) {
    auto firing = triage::firing_tier(f, ctx_now);
    if (!firing) continue;
    tier = triage::raise(tier, *firing);
    if (s_.flags.insert(f.id).second) {
      out_.new_flags.push_back(f.id);
      say(f.say);
    }
  }
  // Told of their back and nothing fired: self-care so far, said when screening ends.
  if (!tier && rules_.assessed_when && rules_.assessed_when->eval(ctx_now)) {
    tier = triage::Tier::kSelfCare;
  }
  tier_rose_ = tier != s_.tier && tier && *tier > triage::Tier::kSelfCare;
  s_.tier = tier;
  if (!out_.new_flags.empty() || tier_rose_) {
    const std::string tier_id(triage::to_string(*s_.tier));
    auto advice = rules_.tier_advice.find(tier_id);
    if (advice != rules_.tier_advice.end()) say(advice->second);
    out_.actions.emplace_back(Refer{tier_id, out_.new_flags});
  }
}

// After a correction, a flag whose condition no longer holds is taken back and the
// tier is what the remaining flags say. Never from an emergency: that advice stands
// and is only ever given again (safety first; docs/rule-language.md).
void Turn::withdraw_corrected() {
  if (s_.tier && *s_.tier >= triage::Tier::kEmergency) return;
  const auto now = ctx();
  std::optional<triage::Tier> tier;
  if (s_.tier) tier = triage::Tier::kSelfCare;
  bool withdrew = false;
  for (const auto& f : rules_.flags) {
    if (s_.flags.count(f.id) == 0) continue;
    if (auto firing = triage::firing_tier(f, now)) {
      tier = triage::raise(tier, *firing);
    } else {
      s_.flags.erase(f.id);
      out_.withdrawn_flags.push_back(f.id);
      withdrew = true;
    }
  }
  if (!withdrew) return;
  s_.tier = tier;
  say_response("correction_withdrawn");
}

bool Turn::interrupt() {
  // A new flag, or a flag already raised whose tier rose ("urgent" with an immune
  // system held down, then "emergency" once confusion is told), moves the flow on.
  if (out_.new_flags.empty() && !tier_rose_) return false;
  for (const auto& in : rules_.flow.interrupts) {
    const bool here =
        in.from.empty() || std::find(in.from.begin(), in.from.end(), s_.node) != in.from.end();
    if (here && in.when.eval(ctx())) {
      if (!s_.routine.empty()) out_.actions.emplace_back(PauseRoutine{});
      enter(rules_.flow.find(in.go));
      return true;
    }
  }
  return false;
}

void Turn::answer_faq_and_commands() {
  bool paused_said = false;
  for (const auto& h : hits_) {
    const IntentDef& d = rules_.matcher->intents()[h.intent];
    if (d.kind == IntentKind::kFaq) {
      replied_ = conversed_ = true;
      informative_ = true;
      if (s_.tier && *s_.tier >= triage::Tier::kUrgent) {
        // From urgent up the advice is to be seen today or now: an answer about stretching
        // would undercut it, so the advice is given again instead, once.
        if (!paused_said) {
          say_response("faq_after_referral");
          if (const Node* n = current(); n != nullptr && n->type == NodeType::kStop) {
            for (const auto& t : n->again) say(t);
          }
          paused_said = true;
        }
        continue;
      }
      if (const FaqEntry* f = rules_.faq_for(d.id)) {
        const bool routine = !s_.routine.empty() && !f->answer_with_routine.empty();
        say(routine ? f->answer_with_routine : f->answer);
      }
      // From `soon` up the exercises are paused (the guide: pause and consult), so an
      // answer about stretching must not read as a go-ahead.
      if (!paused_said && s_.tier && *s_.tier >= triage::Tier::kSoon) {
        say_response("routine_paused");
        paused_said = true;
      }
      informative_ = true;
    } else if (d.kind == IntentKind::kCommand && d.id == "stop_reminders") {
      informative_ = true;
      replied_ = conversed_ = true;
      stop_reminders();
    } else if (d.kind == IntentKind::kCommand && d.id == "show_journal") {
      informative_ = true;
      replied_ = conversed_ = true;
      out_.actions.emplace_back(ShowJournal{});
      say_response("journal_shown");
    } else if (d.kind == IntentKind::kCommand && d.id == "show_routine") {
      informative_ = true;
      replied_ = conversed_ = true;
      if (s_.tier && *s_.tier >= triage::Tier::kSoon) {
        say_response("routine_paused");
      } else if (s_.routine.empty()) {
        say_response("no_routine");
      } else {
        for (const auto& id : s_.routine) {
          out_.replies.push_back({rules_.exercise(id)->name, {}, id});
        }
      }
    }
  }
}

void Turn::handle_outcome(Outcome outcome) {
  const Node* n = current();
  if (n == nullptr) return enter(rules_.flow.find(rules_.flow.start));
  if (n->type != NodeType::kQuestion) {
    if (!replied_) {
      for (const auto& t : n->again.empty()
                               ? std::vector<std::string>{rules_.response("not_understood")}
                               : n->again)
        say(t);
    }
    return;
  }
  if (outcome == Outcome::kAnswered) return advance_from(*n);
  if (asking_alone_) return ask(*n, Ask::kFirst);  // a new question, not the same one again
  const bool unsure = hedged();
  // Something was read (a fact, a question, a greeting) but not the answer: back to
  // the question with a lead-in; "didn't get that" is only for a message not read at all.
  int& reasks = s_.reasks[n->id];
  if (outcome == Outcome::kNone || (!unsure && read_something())) {
    // A question the person talks past again after one re-ask is left open and the intake
    // goes on; a nice-to-know one (asked_once) at once. A question of their own, answered, is no
    // talking past: the flow resumes at the question it interrupted, but a nice-to-know
    // one only once, and is left open when passed over again. A red-flag question is
    // asked until it is answered or found unclear; the others (age, how long, how bad)
    // feed the screening and are asked until talked past.
    const int limit = n->asked_once ? 0 : kMaxTalkPast;
    const bool counted = !conversed_ || n->asked_once;
    if (!n->red_flag_question && counted) {
      if (reasks >= (conversed_ ? 1 : limit)) return advance_from(*n);
      ++reasks;
    }
    return ask(*n, Ask::kBackTo);
  }
  if (reasks >= kMaxReasks) {
    say_response("unclear_gave_up");
    if (n->red_flag_question) {
      s_.facts.truth["unclear_answer"] = true;
      screen();
      if (interrupt()) return;
    }
    return advance_from(*n);
  }
  ++reasks;
  if (unsure || clarified_) {
    if (unsure && n->red_flag_question) say_response("unclear_reask");
    return ask(*n, Ask::kBackTo);
  }
  ask(*n, reasks >= kMaxReasks ? Ask::kPick : Ask::kNotUnderstood);
}

bool Turn::hit(const std::string& intent_id) const {
  return std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    return h.affirmed() && rules_.matcher->intents()[h.intent].id == intent_id;
  });
}

bool Turn::any_uncertain() const {
  return std::any_of(hits_.begin(), hits_.end(), [](const IntentHit& h) { return h.uncertain; });
}

void Turn::say(const std::string& text, std::vector<std::string> quick) {
  if (text.empty()) return;
  out_.replies.push_back({text, std::move(quick), std::nullopt});
}

}  // namespace backcoach::dialogue
