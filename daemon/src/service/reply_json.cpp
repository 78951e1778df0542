#include "service/reply_json.h"

namespace backcoach::service {

nlohmann::json to_json(const ReplyMessage& message) {
  nlohmann::json j = {{"text", message.text}};
  if (!message.quick_replies.empty()) j["quick_replies"] = message.quick_replies;
  if (message.exercise) j["exercise"] = message.exercise->card;
  return j;
}

nlohmann::json to_json(const std::vector<ReplyMessage>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) out.push_back(to_json(m));
  return out;
}

std::vector<ReplyMessage> messages_from_json(const nlohmann::json& messages) {
  std::vector<ReplyMessage> out;
  if (!messages.is_array()) return out;
  for (const auto& m : messages) {
    if (!m.is_object()) continue;
    ReplyMessage message;
    message.text = m.value("text", std::string());
    const auto quick = m.find("quick_replies");
    if (quick != m.end() && quick->is_array()) {
      for (const auto& q : *quick) {
        if (q.is_string()) message.quick_replies.push_back(q.get<std::string>());
      }
    }
    const auto card = m.find("exercise");
    if (card != m.end() && card->is_object()) {
      message.exercise = ExerciseCard{card->value("id", std::string()), *card};
    }
    out.push_back(std::move(message));
  }
  return out;
}

nlohmann::json tier_to_json(const std::optional<std::string>& tier) {
  return tier ? nlohmann::json(*tier) : nlohmann::json(nullptr);
}

}  // namespace backcoach::service
