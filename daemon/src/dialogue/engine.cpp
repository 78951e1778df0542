#include "dialogue/engine.h"

#include "dialogue/rule_set_impl.h"
#include "dialogue/turn.h"

namespace backcoach::dialogue {

Engine::Engine(std::shared_ptr<const RuleSet> rules) : rules_(std::move(rules)) {}

ConversationState Engine::initial_state() const { return {}; }

StepResult Engine::start(const ConversationState& state) const {
  Turn turn(rules_->impl(), state);
  turn.on_start();
  return turn.take();
}

StepResult Engine::step(const ConversationState& state, const Input& input) const {
  Turn turn(rules_->impl(), state);
  if (input.kind == Input::Kind::kEvent) {
    turn.on_event(input.event, input.day);
  } else {
    turn.on_text(input.text, input.zone_known);
  }
  return turn.take();
}

nlohmann::json reply_to_json(const Reply& reply, const RuleSet& rules) {
  nlohmann::json j = {{"text", reply.text}};
  if (!reply.quick_replies.empty()) j["quick_replies"] = reply.quick_replies;
  if (reply.exercise) j["exercise"] = rules.exercise_card(*reply.exercise);
  return j;
}

}  // namespace backcoach::dialogue
