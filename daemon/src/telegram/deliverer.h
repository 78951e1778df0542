#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "store/outbox.h"

namespace backcoach::telegram {

// What one attempt to send a queued message came to, for the outbox worker.
struct Delivery {
  enum class Outcome {
    sent,   // done: mark it sent
    retry,  // not now (a 429, a 5xx, no answer): try again later, after retry_after if set
    gone,   // never (the person blocked the bot, or the channel refused it for good): give up
  };
  Outcome outcome = Outcome::sent;
  std::optional<std::chrono::seconds> retry_after;  // with retry: the channel's own wait (429)
  std::string why;  // for the worker's log line: no message text, no token

  static Delivery sent() { return {}; }
  static Delivery retry(std::string why, std::optional<std::chrono::seconds> after = {}) {
    return {Outcome::retry, after, std::move(why)};
  }
  static Delivery gone(std::string why) { return {Outcome::gone, std::nullopt, std::move(why)}; }
};

// Sends one queued message of its channel: the outbox worker picks the deliverer by
// OutgoingMessage::channel ("telegram") and calls deliver() for each due message, one at
// a time per destination. `done` runs exactly once, on any thread, never inside deliver().
// Implementations are thread-safe and outlive the calls they were given.
class Deliverer {
 public:
  using Done = std::function<void(Delivery)>;
  virtual ~Deliverer() = default;
  virtual void deliver(const store::QueuedMessage& message, Done done) = 0;
};

}  // namespace backcoach::telegram
