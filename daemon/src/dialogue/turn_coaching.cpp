// Check-ins and reminders: the time a person chose, the answers that go to the pain
// journal, and the check-in asked afresh each day.
#include <cstdio>
#include <string>

#include "dialogue/turn.h"

namespace backcoach::dialogue {
namespace {

std::string clock_text(int minutes) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60 % 24, minutes % 60);
  return text;
}

// `text` with "{name}" replaced by `value` (once).
std::string fill(std::string text, const std::string& name, const std::string& value) {
  const std::string mark = "{" + name + "}";
  if (const auto at = text.find(mark); at != std::string::npos)
    text.replace(at, mark.size(), value);
  return text;
}

// The fact a zone question's `when` reads: a time was chosen and its zone is owed.
constexpr char kZoneNeeded[] = "zone_needed";

}  // namespace

// "yes, at 7:30pm" sets the time; "no thanks" declines (the node's first fact).
Turn::Outcome Turn::answer_time(const Node& n) {
  if (auto minutes = rules_.coaching.read_time(norm_)) {
    s_.facts.numbers[n.number] = *minutes;
    if (zone_known_) {
      set_reminder(*minutes, {});
    } else if (auto zone = rules_.coaching.zones.find(raw_)) {
      set_reminder(*minutes, *zone);  // "7pm London time"
    } else if (!s_.time_zone.empty()) {
      set_reminder(*minutes, s_.time_zone);  // named earlier in this conversation
    } else {
      s_.facts.truth[kZoneNeeded] = true;  // the next question asks for it
    }
    return Outcome::kAnswered;
  }
  if (hit("no") && !n.facts.empty()) {
    s_.facts.truth[n.facts.front()] = true;
    return Outcome::kAnswered;
  }
  return Outcome::kUnclear;
}

// The zone of a time chosen on a channel that gave none: named exactly once (a city, an
// IANA name, an offset), never guessed; "no thanks" leaves the reminder unset.
Turn::Outcome Turn::answer_zone(const Node& n) {
  if (auto zone = rules_.coaching.zones.find(raw_)) {
    s_.facts.truth[n.facts.front()] = false;
    const auto minutes = s_.facts.number(n.number);
    if (minutes) set_reminder(static_cast<int>(*minutes), *zone);
    return Outcome::kAnswered;
  }
  if (hit("no") && !hit("yes")) {
    s_.facts.truth[n.facts.front()] = false;
    say(rules_.response("reminder_zone_declined"));
    return Outcome::kAnswered;
  }
  return Outcome::kUnclear;
}

// The reminder is set: the action for the caller, and the words that say so (with the
// zone when the person named it, so a wrong reading can be seen and corrected).
void Turn::set_reminder(int minutes, const std::string& zone) {
  out_.actions.emplace_back(SetReminder{minutes, zone});
  if (!zone.empty()) s_.time_zone = zone;
  const std::string time = clock_text(minutes);
  if (zone.empty()) return say(fill(rules_.response("reminder_set"), "time", time));
  say(fill(fill(rules_.response("reminder_set_in_zone"), "time", time), "zone", zone));
}

// An answer to a question with `journal:` is written to the day's journal entry.
void Turn::record_journal(const Node* asked, Outcome outcome) {
  if (asked == nullptr || asked->journal.empty() || outcome != Outcome::kAnswered) return;
  std::optional<JournalAnswer> a;
  if (asked->journal == "pain") {
    if (auto pain = s_.facts.number(asked->number))
      a = JournalAnswer{"pain", static_cast<int>(*pain)};
  } else if (asked->journal == "routine_done" && !asked->facts.empty()) {
    a = JournalAnswer{"routine_done", s_.facts.affirmed(asked->facts.front())};
  } else if (asked->journal == "felt" && !picked_value_.empty()) {
    a = JournalAnswer{"felt", picked_value_};
  }
  if (!a) return;
  note_checkin(a->field, a->value);
  update_trend();
  out_.actions.emplace_back(std::move(*a));
}

// Red flags raised while answering a check-in are noted on its journal entry.
void Turn::journal_flags(const Node* asked) {
  if (asked == nullptr || asked->journal.empty() || out_.new_flags.empty()) return;
  out_.actions.emplace_back(JournalAnswer{"flags", out_.new_flags});
}

// Each check-in asks its questions again: yesterday's answers are not today's.
void Turn::refresh_checkin() {
  for (const auto& node : rules_.flow.nodes) {
    if (node.journal.empty()) continue;
    s_.answered.erase(node.id);
    s_.reasks.erase(node.id);
    if (!node.number.empty()) s_.facts.numbers.erase(node.number);
    for (const auto& f : node.facts) s_.facts.truth.erase(f);
  }
}

void Turn::stop_reminders() {
  out_.actions.emplace_back(StopReminders{});
  say_response("reminders_stopped");
}

}  // namespace backcoach::dialogue
