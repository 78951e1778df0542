#include "coach/routine_today.h"

#include <boost/asio/post.hpp>

#include "triage/tier.h"

namespace backcoach::coach {

using nlohmann::json;

json routine_today(const json& state, const dialogue::RuleSet& rules) {
  json out = {{"level", nullptr}, {"paused", false}, {"exercises", json::array()}};
  if (!state.is_object()) return out;
  const auto tier = state.contains("tier") && state["tier"].is_string()
                        ? triage::parse_tier(state["tier"].get<std::string>())
                        : std::nullopt;
  if (tier && *tier >= triage::Tier::kSoon) {
    out["paused"] = true;
    return out;
  }
  const auto routine = state.find("routine");
  if (routine == state.end() || !routine->is_array()) return out;
  for (const auto& id : *routine) {
    if (!id.is_string()) continue;
    auto card = rules.exercise_card(id.get<std::string>());
    if (card.is_object()) out["exercises"].push_back(std::move(card));
  }
  // A state saved before progression has no level: the level a first routine starts at.
  const auto level = state.find("level");
  if (!out["exercises"].empty()) {
    out["level"] = rules.routine_level(
        level != state.end() && level->is_number_integer() ? level->get<int>() : 0);
  }
  return out;
}

void RoutineService::today(const std::string& user_id, std::function<void(Result)> done) {
  boost::asio::post(blocking_, [this, user_id, done = std::move(done)] {
    auto conversation = conversations_.load_conversation(user_id);
    if (conversation.has_error()) return done(conversation.error());
    done(routine_today(conversation->state, *rules_.get()));
  });
}

}  // namespace backcoach::coach
