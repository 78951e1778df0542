#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialogue/engine.h"
#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {

// The work of one Engine::step: reads the rule set, mutates a copy of the state and
// collects replies. Internal to the engine (engine.cpp, turn.cpp, routine.cpp).
class Turn {
 public:
  Turn(const RuleSetImpl& rules, const ConversationState& state);

  // Runs the turn for one message / one event / the start of a conversation.
  void on_text(const std::string& text, bool zone_known = true);
  void on_event(const std::string& event, std::optional<int> day);
  void on_start();

  StepResult take() { return std::move(out_); }

 private:
  enum class Outcome { kAnswered, kUnclear, kNone };
  // How a question is put: first time, back to it after the person said something
  // else, after nothing was read, or after nothing was read twice (pick an answer).
  enum class Ask { kFirst, kBackTo, kNotUnderstood, kPick };

  // Text handling, in the order it happens.
  void apply_volunteered();
  Outcome answer_current();
  Outcome answer_yes_no(const Node& node);
  Outcome answer_number(const Node& node);
  Outcome answer_choice(const Node& node);
  void apply_choice(const Choice& choice);
  std::optional<double> bare_number() const;

  // Check-ins and reminders (turn_coaching.cpp).
  Outcome answer_time(const Node& node);
  Outcome answer_zone(const Node& node);
  void set_reminder(int minutes, const std::string& zone);
  void record_journal(const Node* asked, Outcome outcome);
  void journal_flags(const Node* asked);
  void refresh_checkin();
  void stop_reminders();

  // The trend and the routine's level (turn_progress.cpp).
  void open_checkin();
  void note_checkin(const std::string& field, const nlohmann::json& value);
  void update_trend();
  void progress();

  // Checklist questions (turn_checklist.cpp).
  struct ChecklistReply {
    std::size_t picked = 0;  // items affirmed
    int hedged = -1;         // the first item hedged, asked alone next
    bool none = false;       // every item listed is denied
    bool named = false;      // an item was named or denied by name
  };
  Outcome answer_checklist(const Node& node);
  ChecklistReply read_checklist(const Node& node, const std::vector<std::size_t>& listed);
  bool yes_to_the_list(const Node& node, const std::vector<std::size_t>& listed) const;
  Outcome answer_item_alone(const Node& node);
  std::vector<std::size_t> open_items(const Node& node, const triage::Facts& facts) const;
  void affirm_item(const ChecklistItem& item);
  void deny_item(const ChecklistItem& item);
  void score_checklist(const Node& node);
  enum class Said { kAffirmed, kHedged, kDenied };
  bool says(const ChecklistItem& item, Said how) const;
  bool tells_of(const IntentHit& h, const ChecklistItem& item) const;
  bool names(const std::vector<std::string>& intents, bool uncertain) const;
  bool denied_now(const std::vector<std::string>& intents) const;
  std::string checklist_text(const Node& node) const;
  std::vector<std::string> checklist_quick_replies(const Node& node) const;

  // Listening (turn_listen.cpp): what the message told and asked besides the answer.
  void acknowledge(const Node* asked);
  std::string band_label(const std::string& slot, double value) const;
  bool answers_question(const Node* asked, const std::string& fact, bool number) const;
  void small_talk();
  void show_how_to();
  void answer_plea();
  bool read_something() const;
  void screen();
  void withdraw_corrected();
  bool interrupt();
  void answer_faq_and_commands();
  void handle_outcome(Outcome outcome);

  // Flow.
  void advance_from(const Node& node);
  void enter(const Node* node);
  bool already_answered(const Node& node) const;
  const Node* next_of(const Node& node) const;
  void ask(const Node& node, Ask how);
  std::string lead_in(const Node& node, Ask how) const;
  void recommend_routine(const Node& node);
  void complete_intake();

  // Helpers.
  bool hit(const std::string& intent_id) const;  // affirmed, not negated or uncertain
  bool any_uncertain() const;
  bool hedged() const { return hit("unsure") || any_uncertain(); }  // "not sure", "maybe numb"
  triage::EvalContext ctx() const { return {s_.facts, s_.scores, s_.tier}; }
  void say(const std::string& text, std::vector<std::string> quick = {});
  void say_response(const std::string& id) { say(rules_.response(id)); }
  const Node* current() const { return rules_.flow.find(s_.node); }

  const RuleSetImpl& rules_;
  StepResult out_;
  ConversationState& s_;
  std::string norm_;
  std::string raw_;         // the message as typed (a zone's name keeps its case)
  bool zone_known_ = true;  // the channel gave the person's time zone
  std::vector<IntentHit> hits_;
  bool correcting_ = false;       // the person corrects something said before ("I meant 61")
  bool tier_rose_ = false;        // screening raised the tier past self-care this turn
  bool informative_ = false;      // the message told us something even if it answered nothing
  bool replied_ = false;          // a FAQ, how-to, plea or small-talk reply was given
  bool clarified_ = false;        // the engine asked which item a bare "yes" meant
  bool conversed_ = false;        // the person asked or greeted (not talking past the question)
  bool asking_alone_ = false;     // a hedged checklist item is about to be asked by itself
  std::string picked_value_;      // the journal value of the choice picked in this turn
  std::optional<int> event_day_;  // the local date of the event being handled
  bool scored_ = false;           // a check-in answer changed the trend in this turn
  triage::Facts before_;          // the facts as they were before this message
};

// Chooses the exercises for a person from the routine rules (routine.cpp).
std::vector<std::string> choose_routine(const RoutineRules& rules, const RuleSetImpl& all,
                                        const triage::EvalContext& ctx);

}  // namespace backcoach::dialogue
