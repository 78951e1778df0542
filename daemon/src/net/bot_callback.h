#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "outbound/https_client.h"
#include "outbox/deliverer.h"
#include "service/turn_reply.h"
#include "store/identities.h"

namespace backcoach::net {

// A bot's callback (docs/bots.md, "Messages the daemon starts"): a message the
// daemon starts for one of a bot's people (a check-in) is queued in the outbox and
// POSTed to the bot's callback_url as JSON, signed as the bot signs its requests
// (net/request_signature.h) with the bot's key:
//
//   POST <callback_url>
//   Content-Type: application/json
//   X-Backcoach-Timestamp: <unix seconds of this attempt>
//   X-Backcoach-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">
//   Idempotency-Key: <id>
//
//   {"id": "<id>", "bot": "<bot id>", "user": "<the bot's id for the person>",
//    "event": "checkin_due", "replies": [...], "tier": ..., "flags": [...],
//    "exercises": [...]}
//
// `id` is the outbox message's id: the same for every attempt at one message and
// never used for another, so a receiver that has seen it drops the repeat.

// What the outbox keeps for one callback: channel "bot:<bot id>", destination the
// bot's id for the person, payload the body without its id and bot (added when
// sent). The replies are shaped as the bot API's answer.
service::OutboundPresenter bot_callback_presenter(std::string bot_id, std::string user,
                                                  std::string event);
// The same for a bot's person as the identities table knows them ("bot:<id>", user):
// a Notifier's presenter factory.
service::OutboundPresenter bot_callback_presenter(const store::Identity& identity,
                                                  const std::string& event);

// Sends queued callbacks. 2xx: sent; 429, 408, 5xx or no answer (refused, timeout,
// TLS failure): retry (429/503 with Retry-After: at least that long); any other
// status (3xx included: redirects are not followed): gone. A message for a bot
// that is not configured, or has no callback_url, waits (retry) in case it is
// configured again. Thread-safe; the client must outlive it, and it its sends.
class BotCallbackDeliverer final : public outbox::Deliverer {
 public:
  struct Bot {
    std::string id;
    std::string key;           // raw bytes of the bot's secret; never logged
    std::string callback_url;  // https://, or http:// to a loopback IP (checked at config load)
  };
  // Seconds since the Unix epoch; injected so tests control time.
  using Clock = std::function<std::int64_t()>;

  BotCallbackDeliverer(outbound::HttpsClient& client, std::vector<Bot> bots, Clock clock);

  void deliver(const store::QueuedMessage& message, Done done) override;

  // The outcome of one attempt, from the client's result. Pure.
  static outbox::Delivery classify(boost::system::error_code ec,
                                   const outbound::Response& response);

 private:
  const Bot* find(const std::string& channel) const;

  outbound::HttpsClient& client_;
  std::vector<Bot> bots_;
  Clock clock_;
};

}  // namespace backcoach::net
