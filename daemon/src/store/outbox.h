#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"

namespace backcoach::store {

// A message the daemon owes a channel (a Telegram API call, a bot callback): made
// by the channel's presenter from a turn's reply and committed in the same
// transaction as that turn (TurnRecord::outgoing), then sent by the outbox worker.
// Delivery is at-least-once: a crash between a send and its mark_sent sends again.
struct OutgoingMessage {
  std::string channel;      // "telegram", "bot:<bot id>": picks the deliverer
  std::string destination;  // the channel's address: a chat id, the bot's user id
  nlohmann::json payload;   // what the deliverer sends, channel-shaped (holds text:
                            // never log it)
};

// One queued message as the worker sees it.
struct QueuedMessage {
  std::int64_t id = 0;  // commit order, never reused: per destination, sent in this
                        // order; the receiver's idempotency key
  std::string user_id;
  OutgoingMessage message;
  int attempts = 0;  // sends tried so far
  std::int64_t created_at_ms = 0;
  std::int64_t not_before_ms = 0;  // not sent before this instant (backoff, retry_after)
};

// The queue of owed messages. Rows arrive with turns (ConversationLog::append_turn)
// or by enqueue (messages the daemon starts: reminders, a linking confirmation);
// they leave when sent or given up. Erasing a person erases their rows.
//
// Thread-safety: every method from any thread; none from an I/O thread (they touch
// the disk) or from a CommitHandler (writes wait for the writer thread).
class Outbox {
 public:
  virtual ~Outbox() = default;

  // Queues messages that belong to no turn, in one transaction, due at once.
  // errc::not_found when there is no such user (nothing is queued).
  virtual result<void> enqueue(const std::string& user_id,
                               const std::vector<OutgoingMessage>& messages,
                               std::int64_t now_ms) = 0;

  // Up to `limit` messages due at `now_ms`, each the oldest unsent of its
  // destination (channel + destination), oldest first. A destination whose oldest
  // message is held (not_before_ms later than now) gives none, so per-chat order
  // holds while one is retried. A message is returned again by every call until it
  // is marked sent, rescheduled or given up: the caller keeps track of its sends.
  virtual result<std::vector<QueuedMessage>> due(std::int64_t now_ms, int limit) = 0;

  // Removes a message that was delivered. A message already gone (its person was
  // erased meanwhile) is not an error.
  virtual result<void> mark_sent(std::int64_t id) = 0;
  // Counts an attempt and holds the message until `not_before_ms`.
  virtual result<void> reschedule(std::int64_t id, std::int64_t not_before_ms) = 0;
  // Drops it for good (given up, or the chat blocked the bot); as mark_sent, a
  // message already gone is not an error.
  virtual result<void> give_up(std::int64_t id) = 0;

  struct Depth {
    std::int64_t queued = 0;
    std::optional<std::int64_t> oldest_created_at_ms;
  };
  virtual result<Depth> depth() = 0;
};

}  // namespace backcoach::store
