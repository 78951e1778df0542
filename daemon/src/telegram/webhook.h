#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <functional>
#include <string>

#include "net/router.h"
#include "service/event_log.h"
#include "store/telegram_state.h"
#include "telegram/update_counters.h"
#include "telegram/update_queue.h"

namespace backcoach::telegram {

// POST /v1/telegram/webhook: Telegram's webhook (setWebhook with our secret_token).
//   X-Telegram-Bot-Api-Secret-Token must equal the secret (compared in constant time);
//     missing or wrong: 401 problem+json, nothing read further.
//   The body must be one Update: not JSON, not an object, no integer update_id, or a
//     message / callback_query of the wrong shape: 400 problem+json. Telegram itself never
//     sends such a thing (whoever holds the secret does), and a 4xx tells them plainly;
//     Telegram would keep retrying it, which is right for a bug to be noticed.
//   An update of a kind not read here (edited_message, my_chat_member, …): 200 and
//     ignored, since Telegram repeats any non-2xx answer and would hold the bot's queue
//     behind it.
//   Otherwise the update is recorded (TelegramState: a repeat of an update_id is dropped
//     there) and answered 200 as soon as that has committed, then handled (UpdateQueue).
//     Recording first means a crash after the 200 loses nothing; a store that cannot
//     record answers 503 and Telegram sends it again.
// A body over the server's --http-body-limit is refused with 413 before it gets here.
// Thread-safety: the handler runs on any thread, concurrently.
class Webhook {
 public:
  using Clock = std::function<std::int64_t()>;  // ms since the epoch
  struct Deps {
    store::TelegramState& state;
    UpdateQueue& queue;
    std::string bot_id;
    boost::asio::any_io_executor blocking;
    Clock clock;
    const service::EventLog& log;
    UpdateCounters& counters;
  };
  static constexpr char kPath[] = "/v1/telegram/webhook";
  static constexpr char kSecretHeader[] = "X-Telegram-Bot-Api-Secret-Token";

  // `secret`: what setWebhook was given (1-256 of A-Z a-z 0-9 _ -); never logged.
  Webhook(Deps deps, std::string secret) : d_(std::move(deps)), secret_(std::move(secret)) {}

  void add_routes(net::Router& router);

 private:
  void receive(const net::Request& req, net::Router::Send send);
  bool genuine(const net::Request& req) const;

  Deps d_;
  std::string secret_;
};

}  // namespace backcoach::telegram
