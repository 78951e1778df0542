#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dialogue/engine.h"
#include "service/turn_reply.h"
#include "store/store.h"

namespace backcoach::service {

// Conversions between the engine's results, the store's records and the
// protocol's shapes. Pure functions.

// The reply to a step: message objects (with exercise cards), the conversation's
// tier and flags after it, and the exercises this step recommended.
TurnReply reply_from_step(const dialogue::StepResult& step, const dialogue::RuleSet& rules);

// The reply as it was committed (for a resent message id); duplicate = true.
TurnReply reply_from_record(const store::TurnRecord& record);

// What the store keeps for a step. `user_text` is empty for a conversation's opening.
store::TurnRecord record_from_step(const dialogue::StepResult& step, const TurnReply& reply,
                                   std::string user_id, std::string client_msg_id,
                                   std::int64_t turn_no, std::string channel, std::string user_text,
                                   std::int64_t now_ms);

// welcome.history items, oldest first: {"from":"user","text":...} and
// {"from":"bot", ...reply message object}. User lines with no text (the opening
// turn has none) are left out.
nlohmann::json history_from(const std::vector<store::HistoryMessage>& messages);

// The bot's messages of one reply as history items.
nlohmann::json bot_history(const std::vector<ReplyMessage>& messages);

}  // namespace backcoach::service
