#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dialogue/engine.h"
#include "store/outbox.h"
#include "store/reminders.h"

namespace backcoach::service {

// What a person sent: text typed, a quick reply chosen (its label), or an event
// the daemon raised for them ("checkin_due").
struct TextInput {
  std::string text;
};
struct ChoiceInput {
  std::string choice;
};
struct EventInput {
  std::string event;
  std::optional<int> day;  // the person's local date, days since 1970-01-01 (dialogue::Input)
};
using TurnInput = std::variant<TextInput, ChoiceInput, EventInput>;

struct TurnReply;

// Shapes a reply into the messages a channel is owed (a Telegram presenter).
using OutboundPresenter = std::function<std::vector<store::OutgoingMessage>(const TurnReply&)>;

// One turn, whatever the channel.
struct TurnRequest {
  std::string user_id;  // ours (a token's user, or an identity's)
  std::string channel;  // stored with the turn: "ws", "bot:<id>", "cli", ...
  TurnInput input;
  std::string message_id;  // the channel's id of the message; "" when it has none.
                           // An id answered before is answered again, not re-run.
  // Set by channels that answer later (Telegram, bot callbacks): what it returns is
  // committed with the turn and sent by the outbox worker. Not called for a resend
  // the service remembers; for one only the store knows (after a restart) it may be
  // called, but the store refuses that turn and everything it owes.
  OutboundPresenter outbound = {};
  // The person's IANA zone when the channel knows it (the widget sends the
  // browser's); "" otherwise. Dates in the journal and reminder times use it.
  std::string time_zone = {};
  // A scheduled check-in (coach/): the turn is stored only if this claim of the
  // reminder wins, in the same transaction; a lost claim answers as a resend.
  std::optional<store::ReminderClaim> claim = {};
};

// An exercise shown with a reply: its id (a channel finds its picture by it) and
// the catalogue's card (name, steps, hold, the web picture's path, ...).
struct ExerciseCard {
  std::string id;
  nlohmann::json card;
};

// One bubble of the bot's answer, before any channel shapes it.
struct ReplyMessage {
  std::string text;
  std::vector<std::string> quick_replies;  // offered answers, in order
  std::optional<ExerciseCard> exercise;
};

// The answer to one `say`, for a presenter per channel to shape: the WebSocket
// protocol (net/protocol.h), the bot API's JSON (net/bot_api.h).
struct TurnReply {
  std::vector<ReplyMessage> messages;     // in order
  std::optional<std::string> tier;        // the conversation's tier after the turn
                                          // (its advice is among the messages)
  std::vector<std::string> flags;         // every flag of the conversation
  std::vector<std::string> exercises;     // recommended in this turn
  std::vector<dialogue::Action> actions;  // what the engine asked for; none when resent
  bool duplicate = false;                 // the id was answered before; this is the stored reply
  // The tier's banner for chat clients (RuleSet::tier_banner), null below urgent.
  nlohmann::json banner;
};

// The answer to `hello`.
struct Welcome {
  std::string user_id;
  std::string token;
  bool resumed = false;   // an existing conversation continues
  nlohmann::json tier;    // tier string or null
  nlohmann::json banner;  // the tier's banner, as TurnReply::banner
  // Last messages of both sides, oldest first: {"from":"user","text":...} or the
  // bot's reply message object plus "from":"bot". For a new conversation, the
  // opening replies.
  nlohmann::json history = nlohmann::json::array();
};

// Why a request could not be served.
enum class ServiceError {
  bad_token,  // the token is forged, malformed, or its user was erased
  not_ready,  // shutting down or the store refuses writes
  internal,   // anything else; logged
};

}  // namespace backcoach::service
