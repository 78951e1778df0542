#include "dialogue/turn.h"

#include <algorithm>

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
  // A correction, or a retraction of what was told ("ok, that was dramatic"), lets what
  // this message says replace what was told before.
  correcting_ = std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
    const IntentDef& d = rules_.matcher->intents()[h.intent];
    return (!h.ignored() && d.id == "correction") || (h.affirmed() && !d.denies.empty());
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
  // A retraction takes back what was told before it, in earlier messages or earlier in
  // this one ("it's agony, no, I'm being dramatic, a 4"), never what follows it ("I was
  // exaggerating before, but now I really can't move").
  for (const auto& r : hits_) {
    if (!r.affirmed()) continue;
    for (const auto& f : rules_.matcher->intents()[r.intent].denies) {
      const bool told_after = std::any_of(hits_.begin(), hits_.end(), [&](const IntentHit& h) {
        const auto& facts = rules_.matcher->intents()[h.intent].facts;
        return h.affirmed() && h.position > r.position &&
               std::find(facts.begin(), facts.end(), f) != facts.end();
      });
      if (!told_after) s_.facts.truth[f] = false;
    }
  }
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
    // Talked past, a question comes back kMaxTalkPast times (a nice-to-know one, asked_once,
    // not at all), then is left open and the intake goes on. After a question of the
    // person's own, answered, the flow resumes at the question it interrupted: every time
    // for those the screening uses (age, how long, how bad), once for a nice-to-know one.
    // A red-flag question is asked until it is answered or found unclear.
    const bool may_leave_open = !n->red_flag_question && (!conversed_ || n->asked_once);
    if (may_leave_open) {
      const int comes_back = conversed_ ? 1 : n->asked_once ? 0 : kMaxTalkPast;
      if (reasks >= comes_back) return advance_from(*n);
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
