#include "telegram/bot_types.h"

#include <nlohmann/json.hpp>

namespace backcoach::telegram {
namespace {

using nlohmann::json;

// The member as T, or nullopt when absent or of another type.
template <class T>
std::optional<T> member(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return std::nullopt;
  } else {
    if (!it->is_number_integer()) return std::nullopt;
  }
  return it->get<T>();
}

std::optional<std::int64_t> nested_id(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return std::nullopt;
  return member<std::int64_t>(*it, "id");
}

// reply_markup.inline_keyboard of a message: rows of {text, callback_data}; buttons of
// other kinds (url, …) keep an empty callback_data.
InlineKeyboard read_keyboard(const json& message) {
  InlineKeyboard keyboard;
  const auto markup = message.find("reply_markup");
  if (markup == message.end() || !markup->is_object()) return keyboard;
  const auto rows = markup->find("inline_keyboard");
  if (rows == markup->end() || !rows->is_array()) return keyboard;
  for (const auto& row : *rows) {
    if (!row.is_array()) continue;
    std::vector<InlineButton> buttons;
    for (const auto& b : row) {
      if (!b.is_object()) continue;
      buttons.push_back({member<std::string>(b, "text").value_or(""),
                         member<std::string>(b, "callback_data").value_or("")});
    }
    keyboard.push_back(std::move(buttons));
  }
  return keyboard;
}

json message_json(const Message& m) {
  json j{{"message_id", m.message_id}, {"chat", {{"id", m.chat_id}}}};
  if (!m.chat_type.empty()) j["chat"]["type"] = m.chat_type;
  if (m.from_id) j["from"] = {{"id", *m.from_id}};
  if (!m.text.empty()) j["text"] = m.text;
  if (!m.photo_file_id.empty()) j["photo"] = json::array({{{"file_id", m.photo_file_id}}});
  if (!m.keyboard.empty()) j["reply_markup"] = reply_markup(m.keyboard);
  return j;
}

std::optional<CallbackQuery> read_callback(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto id = member<std::string>(j, "id");
  const auto from = nested_id(j, "from");
  if (!id || !from) return std::nullopt;
  CallbackQuery q{*id, *from, std::nullopt, member<std::string>(j, "data").value_or("")};
  if (const auto it = j.find("message"); it != j.end()) q.message = read_message(*it);
  return q;
}

}  // namespace

std::optional<Message> read_message(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto id = member<std::int64_t>(j, "message_id");
  const auto chat = nested_id(j, "chat");
  if (!id || !chat) return std::nullopt;
  Message m{*id, *chat, nested_id(j, "from"), member<std::string>(j, "text").value_or(""),
            "",  "",    read_keyboard(j)};
  if (const auto it = j.find("chat"); it->is_object()) {
    m.chat_type = member<std::string>(*it, "type").value_or("");
  }
  // Telegram lists a photo's sizes smallest first.
  if (const auto it = j.find("photo"); it != j.end() && it->is_array() && !it->empty()) {
    m.photo_file_id = member<std::string>(it->back(), "file_id").value_or("");
  }
  return m;
}

std::optional<Update> read_update(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto id = member<std::int64_t>(j, "update_id");
  if (!id) return std::nullopt;
  Update u{*id, std::nullopt, std::nullopt};
  if (const auto it = j.find("message"); it != j.end()) u.message = read_message(*it);
  if (const auto it = j.find("callback_query"); it != j.end()) {
    u.callback_query = read_callback(*it);
  }
  return u;
}

std::optional<BotUser> read_bot_user(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto id = member<std::int64_t>(j, "id");
  const auto username = member<std::string>(j, "username");
  if (!id || !username || username->empty()) return std::nullopt;
  return BotUser{*id, *username};
}

json to_json(const Update& u) {
  json j{{"update_id", u.update_id}};
  if (u.message) j["message"] = message_json(*u.message);
  if (const auto& q = u.callback_query) {
    j["callback_query"] = {{"id", q->id}, {"from", {{"id", q->from_id}}}, {"data", q->data}};
    if (q->message) j["callback_query"]["message"] = message_json(*q->message);
  }
  return j;
}

json reply_markup(const InlineKeyboard& keyboard) {
  json rows = json::array();
  for (const auto& row : keyboard) {
    json buttons = json::array();
    for (const auto& b : row)
      buttons.push_back({{"text", b.text}, {"callback_data", b.callback_data}});
    rows.push_back(std::move(buttons));
  }
  return {{"inline_keyboard", std::move(rows)}};
}

json to_params(const GetUpdates& p) {
  json j{{"offset", p.offset}, {"timeout", p.timeout.count()}, {"limit", p.limit}};
  if (!p.allowed_updates.empty()) j["allowed_updates"] = p.allowed_updates;
  return j;
}

json to_params(const SendMessage& p) {
  json j{{"chat_id", p.chat_id}, {"text", p.text}};
  if (p.keyboard) j["reply_markup"] = reply_markup(*p.keyboard);
  return j;
}

json to_params(const AnswerCallbackQuery& p) {
  json j{{"callback_query_id", p.callback_query_id}};
  if (!p.text.empty()) j["text"] = p.text;
  return j;
}

json to_params(const SetWebhook& p) {
  json j{{"url", p.url}};
  if (!p.secret_token.empty()) j["secret_token"] = p.secret_token;
  if (!p.allowed_updates.empty()) j["allowed_updates"] = p.allowed_updates;
  return j;
}

}  // namespace backcoach::telegram
