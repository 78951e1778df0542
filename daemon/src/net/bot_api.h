#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "net/router.h"
#include "service/chat_service.h"

namespace backcoach::net {

// The signed HTTP API for any bot (docs/bots.md, docs/openapi.yaml):
//   POST /v1/bots/{bot_id}/messages
//   {"user": "<the bot's id for the person>", "id": "<message id>", "text": "..."}
//   (or "choice": "<a quick reply's label>" instead of "text"), signed with the
//   bot's key (net/request_signature.h).
// 200 {"replies": [...], "tier": ..., "flags": [...], "exercises": [...],
// "duplicate": bool}; an id sent before is answered as it was, and nothing new
// is stored. Unknown bot 404; bad or stale signature 401; a body that is not
// such an object 400 or 413 (the session's body limit); every error is
// problem+json and reaches neither the service nor the store.
// Thread-safety: handlers run on any thread, concurrently; the bots are fixed
// at construction.
// The answer's JSON for one reply: {"replies", "tier", "flags", "exercises",
// "duplicate"}; the bot callback's body has the same shape.
nlohmann::json bot_answer_json(const service::TurnReply& reply);

class BotApi {
 public:
  struct Bot {
    std::string id;   // the {bot_id} of its URL
    std::string key;  // raw bytes of its secret; never logged
  };
  struct Limits {
    std::size_t max_text_chars = 2000;  // code points of "text" or "choice"
    std::size_t max_id_bytes = 128;     // "user" and "id"
  };
  // Seconds since the Unix epoch; injected so tests control time.
  using Clock = std::function<std::int64_t()>;

  BotApi(service::ChatService& service, std::vector<Bot> bots, Clock clock, Limits limits);

  void add_routes(Router& router);

 private:
  void messages(const Request& req, const RouteParams& params, Router::Send send);
  const Bot* find(std::string_view id) const;

  service::ChatService& service_;
  std::vector<Bot> bots_;
  Clock clock_;
  Limits limits_;
};

}  // namespace backcoach::net
