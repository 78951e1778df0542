#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

// The small part of the Telegram Bot API that backcoach uses (core.telegram.org/bots/api):
// what comes in (updates) and the parameters of what goes out. Plain values.
namespace backcoach::telegram {

struct InlineButton {
  std::string text;
  std::string callback_data;  // 1-64 bytes; comes back in CallbackQuery::data
};
using InlineKeyboard = std::vector<std::vector<InlineButton>>;  // rows of buttons

struct Message {
  std::int64_t message_id = 0;
  std::int64_t chat_id = 0;
  std::optional<std::int64_t> from_id;
  std::string text;           // empty for a sticker, photo, …
  std::string photo_file_id;  // the largest size's, when the message is a photo
  std::string chat_type;      // "private", "group", "supergroup", "channel"; "" when absent
  InlineKeyboard keyboard;    // the message's inline keyboard (a bot's message), if any
};

// The bot itself, as getMe tells it.
struct BotUser {
  std::int64_t id = 0;
  std::string username;  // without '@'; what t.me/<username> opens
};

struct CallbackQuery {
  std::string id;  // answer it with answerCallbackQuery
  std::int64_t from_id = 0;
  std::optional<Message> message;  // the message whose button was pressed, when known
  std::string data;                // the button's callback_data
};

// An update of a kind not read here has neither member set; its update_id still counts
// for the next offset.
struct Update {
  std::int64_t update_id = 0;
  std::optional<Message> message;
  std::optional<CallbackQuery> callback_query;
};

struct GetUpdates {
  std::int64_t offset = 0;                   // the last update_id seen + 1
  std::chrono::seconds timeout{25};          // long poll: how long Telegram may hold the call
  std::vector<std::string> allowed_updates;  // e.g. {"message", "callback_query"}; empty: all
  int limit = 100;
};

struct SendMessage {
  std::int64_t chat_id = 0;
  std::string text;  // at most kMaxMessageLength (split_text.h)
  std::optional<InlineKeyboard> keyboard;
};

struct PngUpload {
  std::string filename;  // e.g. "cat_cow.png"
  std::string bytes;
};

struct SendPhoto {
  std::int64_t chat_id = 0;
  std::variant<std::string, PngUpload> photo;  // a file_id from an earlier upload, or the PNG
  std::string caption;
  std::optional<InlineKeyboard> keyboard;
};

struct AnswerCallbackQuery {
  std::string callback_query_id;
  std::string text;  // shown briefly; may be empty
};

struct SetWebhook {
  std::string url;
  std::string secret_token;  // sent back in X-Telegram-Bot-Api-Secret-Token
  std::vector<std::string> allowed_updates;
};

// Readers of Telegram's JSON: nullopt when a required field is missing or of the wrong type.
// Never throw.
std::optional<Update> read_update(const nlohmann::json& j);
std::optional<Message> read_message(const nlohmann::json& j);
std::optional<BotUser> read_bot_user(const nlohmann::json& j);

// The update in Telegram's shape with only the fields read here (no names or
// usernames): read_update() of it gives the update back. Kept while it is handled.
nlohmann::json to_json(const Update& update);

// Writers of the parameters (the JSON body of a call; a multipart upload sends each member
// as a field, objects as JSON text).
nlohmann::json to_params(const GetUpdates& p);
nlohmann::json to_params(const SendMessage& p);
nlohmann::json to_params(const AnswerCallbackQuery& p);
nlohmann::json to_params(const SetWebhook& p);
nlohmann::json reply_markup(const InlineKeyboard& keyboard);

}  // namespace backcoach::telegram
