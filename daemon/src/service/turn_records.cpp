#include "service/turn_records.h"

#include "service/reply_json.h"

namespace backcoach::service {

TurnReply reply_from_step(const dialogue::StepResult& step, const dialogue::RuleSet& rules) {
  TurnReply reply;
  for (const auto& r : step.replies) {
    ReplyMessage message{r.text, r.quick_replies, std::nullopt};
    if (r.exercise) {
      auto card = rules.exercise_card(*r.exercise);
      if (card.is_object()) message.exercise = ExerciseCard{*r.exercise, std::move(card)};
    }
    reply.messages.push_back(std::move(message));
  }
  const auto tier = dialogue::tier_json(step.state);
  if (tier.is_string()) reply.tier = tier.get<std::string>();
  reply.flags = dialogue::flag_list(step.state);
  reply.exercises = step.exercises;
  reply.actions = step.actions;
  reply.banner = rules.tier_banner(reply.tier);
  return reply;
}

TurnReply reply_from_record(const store::TurnRecord& record) {
  TurnReply reply;
  reply.messages = messages_from_json(record.messages);
  reply.tier = record.tier;
  reply.flags = record.flags;
  reply.exercises = record.exercises;
  reply.duplicate = true;
  return reply;
}

store::TurnRecord record_from_step(const dialogue::StepResult& step, const TurnReply& reply,
                                   std::string user_id, std::string client_msg_id,
                                   std::int64_t turn_no, std::string channel, std::string user_text,
                                   std::int64_t now_ms) {
  store::TurnRecord record;
  record.user_id = std::move(user_id);
  record.client_msg_id = std::move(client_msg_id);
  record.turn_no = turn_no;
  record.channel = std::move(channel);
  record.user_text = std::move(user_text);
  record.intents = step.intents;
  record.messages = to_json(reply.messages);
  record.tier = reply.tier;
  record.flags = reply.flags;
  record.new_flags = step.new_flags;
  record.exercises = step.exercises;
  record.state = dialogue::to_json(step.state);
  record.created_at_ms = now_ms;
  return record;
}

nlohmann::json bot_history(const std::vector<ReplyMessage>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) {
    nlohmann::json item = to_json(m);
    item["from"] = "bot";
    out.push_back(std::move(item));
  }
  return out;
}

nlohmann::json history_from(const std::vector<store::HistoryMessage>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) {
    if (m.from == "user") {
      const auto text =
          m.message.is_object() ? m.message.value("text", std::string()) : std::string();
      if (text.empty()) continue;
      out.push_back({{"from", "user"}, {"text", text}});
    } else {
      nlohmann::json item = m.message.is_object() ? m.message : nlohmann::json::object();
      item["from"] = "bot";
      out.push_back(std::move(item));
    }
  }
  return out;
}

}  // namespace backcoach::service
