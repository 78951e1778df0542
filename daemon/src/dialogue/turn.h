#pragma once

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
  void on_text(const std::string& text);
  void on_event(const std::string& event);
  void on_start();

  StepResult take() { return std::move(out_); }

 private:
  enum class Outcome { kAnswered, kUnclear, kNone };

  // Text handling, in the order it happens.
  void apply_volunteered();
  Outcome answer_current();
  Outcome answer_yes_no(const Node& node);
  Outcome answer_number(const Node& node);
  Outcome answer_choice(const Node& node);
  void apply_choice(const Choice& choice);
  void screen();
  bool interrupt();
  void answer_faq_and_commands();
  void handle_outcome(Outcome outcome);

  // Flow.
  void advance_from(const Node& node);
  void enter(const Node* node);
  bool already_answered(const Node& node) const;
  const Node* next_of(const Node& node) const;
  void ask(const Node& node, bool again);
  void recommend_routine(const Node& node);
  void complete_intake();

  // Helpers.
  bool hit(const std::string& intent_id) const;  // affirmed, not negated or uncertain
  bool any_uncertain() const;
  triage::EvalContext ctx() const { return {s_.facts, s_.scores, s_.tier}; }
  void say(const std::string& text, std::vector<std::string> quick = {});
  void say_response(const std::string& id) { say(rules_.response(id)); }
  const Node* current() const { return rules_.flow.find(s_.node); }

  const RuleSetImpl& rules_;
  StepResult out_;
  ConversationState& s_;
  std::string norm_;
  std::vector<IntentHit> hits_;
  bool informative_ = false;  // the message told us something even if it answered nothing
};

// Chooses the exercises for a person from the routine rules (routine.cpp).
std::vector<std::string> choose_routine(const RoutineRules& rules, const RuleSetImpl& all,
                                        const triage::EvalContext& ctx);

}  // namespace backcoach::dialogue
