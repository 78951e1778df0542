#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "store/outbox.h"

namespace backcoach::outbox {

// What became of one attempt to send a queued message.
struct Delivery {
  enum class Outcome {
    sent,   // the receiver took it (2xx, Telegram's ok:true): the row is removed
    retry,  // not now (5xx, 429, a timeout, a refused connection): tried again later
    gone,   // never (4xx other than 408/429, a chat that blocked the bot): dropped
  };
  Outcome outcome = Outcome::retry;
  // retry only: how long the receiver asked us to wait (429 Retry-After, Telegram's
  // parameters.retry_after). The worker waits at least this long, and at least its
  // own backoff.
  std::optional<std::chrono::seconds> retry_after;
  // For the operator's log line: "http 503", "connection refused", "403 blocked".
  // Never the message's text, payload or destination.
  std::string reason;

  static Delivery sent() { return {Outcome::sent, std::nullopt, {}}; }
  static Delivery retry(std::string reason,
                        std::optional<std::chrono::seconds> after = std::nullopt) {
    return {Outcome::retry, after, std::move(reason)};
  }
  static Delivery gone(std::string reason) {
    return {Outcome::gone, std::nullopt, std::move(reason)};
  }
};

// Sends queued messages of one kind of channel ("telegram", "bot"): the outbox
// worker picks a deliverer by the message's channel (the whole channel, else the
// part before its first ':', so "bot:kiosk" goes to the deliverer registered as
// "bot") and never looks inside the payload.
//
// deliver() starts one send and returns at once; `done` is called exactly once,
// on any thread, possibly before deliver() returns. The worker never gives one
// deliverer two messages of the same destination at once, so per-destination order
// is the worker's business, not the deliverer's. A deliverer must stay usable from
// several threads at once and must outlive every send it started.
class Deliverer {
 public:
  using Done = std::function<void(Delivery)>;
  virtual ~Deliverer() = default;
  virtual void deliver(const store::QueuedMessage& message, Done done) = 0;
};

}  // namespace backcoach::outbox
