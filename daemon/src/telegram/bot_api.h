#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/errc.h"
#include "outbound/https_client.h"
#include "telegram/bot_types.h"
#include "telegram/call_error.h"

namespace backcoach::telegram {

// A call's outcome: `value` is meaningful when !error.
template <class T>
struct Answer {
  CallError error;
  T value{};
};

// A typed client of the Telegram Bot API over outbound::HttpsClient. Each call is one
// HTTPS POST to <api_base>/bot<token>/<method>; its callback runs once, on the strand of
// that request (see HttpsClient). The token is part of every URL, so nothing here logs, and
// what a caller logs should go through redact(). Thread-safe; the client must outlive it,
// and it must outlive its calls.
class BotApi {
 public:
  // `api_base` is "https://api.telegram.org" or a test fake's base (no trailing path);
  // `token` is "<bot id>:<secret>" as BotFather gives it. errc::invalid_argument otherwise
  // (a token with '/' or '?' would change the URL).
  static result<std::unique_ptr<BotApi>> create(outbound::HttpsClient& client, std::string api_base,
                                                std::string token);

  // Long poll: Telegram answers when updates arrive or after p.timeout. Updates it sends in
  // a shape not read here are skipped; the next offset is the greatest update_id + 1.
  void get_updates(const GetUpdates& p, std::function<void(Answer<std::vector<Update>>)> done);
  void send_message(const SendMessage& p, std::function<void(Answer<Message>)> done);
  // An upload goes as multipart/form-data; the answer's Message::photo_file_id can be sent
  // instead from then on.
  void send_photo(const SendPhoto& p, std::function<void(Answer<Message>)> done);
  // sendPhoto as multipart/form-data: `params` (chat_id, caption, reply_markup, …) as
  // fields, objects as JSON text, and the PNG as the "photo" file.
  void upload_photo(const nlohmann::json& params, const PngUpload& upload,
                    std::function<void(Answer<Message>)> done);
  void answer_callback_query(const AnswerCallbackQuery& p, std::function<void(Answer<bool>)> done);
  void set_webhook(const SetWebhook& p, std::function<void(Answer<bool>)> done);
  // Stops a webhook (getUpdates answers 409 while one is set); pending updates stay.
  void delete_webhook(std::function<void(Answer<bool>)> done);
  void get_me(std::function<void(Answer<BotUser>)> done);
  // Any method with JSON parameters; `done` gets Telegram's `result` as it came.
  void call_method(std::string_view method, const nlohmann::json& params,
                   std::function<void(Answer<nlohmann::json>)> done);

  // The bot's numeric id: the token's part before ':' (public: it is the bot's user id).
  std::string bot_id() const;

  // `text` with every occurrence of the token replaced by "<token>".
  std::string redact(std::string_view text) const;

 private:
  BotApi(outbound::HttpsClient& client, std::string api_base, std::string token);

  // POSTs one call; `done` gets Telegram's decoded answer (or the transport error).
  void call(std::string_view method, std::string content_type, std::string body,
            std::optional<std::chrono::milliseconds> timeout, std::function<void(Decoded)> done);
  template <class T>
  void call_json(std::string_view method, const nlohmann::json& params,
                 std::function<void(Answer<T>)> done);

  outbound::HttpsClient& client_;
  std::string api_base_;
  std::string token_;
};

}  // namespace backcoach::telegram
