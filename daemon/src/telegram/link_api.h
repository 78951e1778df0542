#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "net/cors.h"
#include "net/origin_policy.h"
#include "net/router.h"
#include "service/chat_service.h"
#include "service/event_log.h"
#include "store/link_codes.h"

namespace backcoach::telegram {

// The bot's username, learned with getMe after start; empty until then.
// Thread-safety: any thread.
class BotName {
 public:
  void set(std::string username) {
    std::lock_guard lock(mu_);
    name_ = std::move(username);
  }
  std::string get() const {
    std::lock_guard lock(mu_);
    return name_;
  }

 private:
  mutable std::mutex mu_;
  std::string name_;
};

// What the widget asks to offer "continue on Telegram" (docs/openapi.yaml):
//   GET  /v1/telegram        200 {"bot": "<username>", "url": "https://t.me/<username>"};
//                            503 while the bot's name is not known yet (getMe)
//   POST /v1/telegram/link   Authorization: Bearer <widget token>; 200 {"url":
//                            "https://t.me/<username>?start=<code>", "expires_in": 600}:
//                            a one-time code (16 random bytes, base64url), kept as a
//                            hash for 10 minutes; opening the link sends "/start <code>",
//                            which joins that chat to the token's person. 401 without a
//                            valid token, 404 for an erased person, 503 as above
// with CORS for the allowed origins (the widget runs on other sites' pages).
// Thread-safety: handlers on any thread, concurrently.
class LinkApi {
 public:
  using Clock = std::function<std::int64_t()>;  // ms since the epoch
  static constexpr std::chrono::minutes kCodeLifetime{10};
  struct Deps {
    service::ChatService& chat;
    store::LinkCodes& links;
    const BotName& bot;
    const net::OriginPolicy& origins;  // CORS; outlives the routes
    boost::asio::any_io_executor blocking;
    Clock clock;
    const service::EventLog& log;
  };

  explicit LinkApi(Deps deps) : d_(std::move(deps)), cors_(d_.origins) {}
  void add_routes(net::Router& router);

 private:
  void info(const net::Request& req, net::Router::Send send);
  void link(const net::Request& req, net::Router::Send send);

  Deps d_;
  net::Cors cors_;
};

// A fresh one-time code: 16 random bytes as base64url (22 characters).
result<std::string> new_link_code();

}  // namespace backcoach::telegram
