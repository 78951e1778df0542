#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/outbox.h"
#include "telegram/bot_types.h"

namespace backcoach::telegram {

// The channel name of Telegram's outbox rows and identities.
inline constexpr char kChannel[] = "telegram";

// What a Telegram outbox row asks for: one Bot API call. Stored as JSON
//   {"method": "sendMessage", "params": {"chat_id": …, "text": …, "reply_markup": …}}
//   {"method": "sendPhoto", "exercise": "cat_cow", "params": {"chat_id": …, "caption": …}}
//   {"method": "sendPhoto", "chart": "journal", "params": {"chat_id": …, "caption": …}}
// An exercise's photo is named by the exercise, not by bytes or a file_id: the deliverer
// uploads its PNG the first time and sends Telegram's file_id after. The journal's chart
// is drawn when it is sent, from the journal as it is then (the row's person's), and
// uploaded each time: it changes with every check-in.
struct Payload {
  std::string method;
  nlohmann::json params;  // an object with an integer chat_id
  std::string exercise;   // sendPhoto of an exercise's picture
  std::string chart;      // sendPhoto of a chart ("journal"); exactly one of the two
  std::int64_t chat_id() const { return params.at("chat_id").get<std::int64_t>(); }
};

store::OutgoingMessage text_message(std::int64_t chat_id, std::string text,
                                    const InlineKeyboard& keyboard = {});
store::OutgoingMessage exercise_photo(std::int64_t chat_id, std::string exercise_id,
                                      std::string caption, const InlineKeyboard& keyboard = {});
// The person's pain journal as a chart (a PNG drawn at send time) with `caption`.
store::OutgoingMessage journal_chart(std::int64_t chat_id, std::string caption);

// The payload of a row; nullopt when it is not one of ours (never throws).
std::optional<Payload> read_payload(const nlohmann::json& j);

}  // namespace backcoach::telegram
