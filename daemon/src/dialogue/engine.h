#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dialogue/conversation_state.h"
#include "dialogue/rule_set.h"

namespace backcoach::dialogue {

// What arrives for one turn: a person's text, or an event such as a due check-in.
struct Input {
  enum class Kind { kText, kEvent };
  Kind kind = Kind::kText;
  std::string text;   // kText: what the person typed (UTF-8, any length)
  std::string event;  // kEvent: an event id from the rules ("checkin_due", ...)
  // kEvent: the person's local date when it happened, in days since 1970-01-01 (the
  // caller knows the zone and the clock; the engine has neither). A check-in without
  // one counts as the day after the last check-in.
  std::optional<int> day;
  // kText: whether the channel tells us the person's time zone (the widget sends the
  // browser's). When it does not, choosing a check-in time asks for the zone (a city,
  // an IANA name or an offset: ZoneNames), unless the conversation already knows it.
  bool zone_known = true;

  static Input text_input(std::string t, bool zone_known = true) {
    return {Kind::kText, std::move(t), {}, {}, zone_known};
  }
  static Input event_input(std::string e, std::optional<int> day = std::nullopt) {
    return {Kind::kEvent, {}, std::move(e), day, true};
  }
};

// One chat bubble the bot sends.
struct Reply {
  std::string text;
  std::vector<std::string> quick_replies;
  std::optional<std::string> exercise;  // exercise id when this bubble is an exercise card
};

// Something for the caller to do beyond sending replies (the engine does no I/O).
// Refer the person to care: their tier rose to `tier`, or `flags` were raised.
struct Refer {
  std::string tier;
  std::vector<std::string> flags;  // raised by this turn
};
// A routine of these exercises was recommended.
struct Recommend {
  std::vector<std::string> exercises;
};
// Come back to the person later with a check-in (a flow node's `action`).
struct ScheduleCheckin {};
// A red flag interrupted the routine in progress.
struct PauseRoutine {};
// The reader could not finish (RE2 out of memory): log and count it.
struct ReaderError {
  std::string why;
};
// A daily check-in began: its pain-journal entry is opened (`action: open_journal`).
struct OpenJournal {};
// A check-in question was answered (a node's `journal:`): `field` is "pain" (a
// number 0-10), "routine_done" (a boolean), "felt" ("better", "same", "worse") or
// "flags" (the red flags raised while answering, an array).
struct JournalAnswer {
  std::string field;
  nlohmann::json value;
};
// The person chose a daily check-in time, minutes after midnight on their clock, in
// `zone` (an IANA name they gave in the chat), or "" for the zone their channel gives.
struct SetReminder {
  int minutes = 0;
  std::string zone = {};
};
// "stop reminders": no more check-ins.
struct StopReminders {};
// "show my journal": a channel that can show a picture sends the pain journal's chart.
struct ShowJournal {};
using Action = std::variant<Refer, Recommend, ScheduleCheckin, PauseRoutine, ReaderError,
                            OpenJournal, JournalAnswer, SetReminder, StopReminders, ShowJournal>;

struct StepResult {
  ConversationState state;     // the state after the turn
  std::vector<Reply> replies;  // in order
  std::vector<Action> actions;
  std::vector<std::string> intents;          // intent ids matched in this input
  std::vector<std::string> new_flags;        // flags raised by this turn
  std::vector<std::string> withdrawn_flags;  // taken back by a correction in this turn
  std::vector<std::string> exercises;        // exercise ids recommended in this turn
};

// Drives a conversation through the rule set. Pure and deterministic: the same
// state and input give the same result; no I/O, no clock, no randomness.
// Thread-safety: const methods may be called from any number of threads at once.
class Engine {
 public:
  explicit Engine(std::shared_ptr<const RuleSet> rules);

  // The state of a conversation that has not started yet.
  ConversationState initial_state() const;

  // The opening replies (greeting and first question) for a new conversation.
  StepResult start(const ConversationState& state) const;

  // One turn. Never fails: bad text (invalid UTF-8, empty, huge) gets a reply.
  StepResult step(const ConversationState& state, const Input& input) const;

  const RuleSet& rules() const { return *rules_; }

 private:
  std::shared_ptr<const RuleSet> rules_;
};

// The reply bubble as a protocol JSON object: {"text":..., "quick_replies":[...],
// "exercise":{...card...}} (empty fields omitted).
nlohmann::json reply_to_json(const Reply& reply, const RuleSet& rules);

}  // namespace backcoach::dialogue
