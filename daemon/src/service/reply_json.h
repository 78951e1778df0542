#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "service/turn_reply.h"

namespace backcoach::service {

// The JSON shape of reply messages, shared by the store (the turns.messages
// column), the WebSocket protocol and the bot API: {"text":..., "quick_replies":
// [...], "exercise": {...card...}}, empty fields left out. Pure functions.

nlohmann::json to_json(const ReplyMessage& message);
nlohmann::json to_json(const std::vector<ReplyMessage>& messages);

// Reads what to_json wrote; anything else in `messages` is skipped, never thrown on.
std::vector<ReplyMessage> messages_from_json(const nlohmann::json& messages);

// A tier as JSON: its name, or null.
nlohmann::json tier_to_json(const std::optional<std::string>& tier);

}  // namespace backcoach::service
