#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/outbox.h"
#include "store/reminders.h"

namespace backcoach::store {

// One committed exchange: what the person said and everything the bot answered.
struct TurnRecord {
  std::string user_id;
  std::string client_msg_id;  // the protocol's `say.id`; empty for turns without one
  std::int64_t turn_no = 0;   // 1-based, per user, assigned by the caller
  std::string channel;        // "ws", "cli", "telegram", "checkin", ...
  std::string user_text;
  nlohmann::json intents = nlohmann::json::array();   // matched intent ids
  nlohmann::json messages = nlohmann::json::array();  // the reply's "messages" array
  std::optional<std::string> tier;                    // conversation tier after the turn
  std::vector<std::string> flags;                     // conversation flags after the turn
  std::vector<std::string> new_flags;                 // raised by this turn
  std::vector<std::string> exercises;                 // recommended in this turn
  nlohmann::json state;                               // engine state after the turn
  std::int64_t created_at_ms = 0;                     // UTC, from the injected clock
  std::vector<OutgoingMessage> outgoing;  // queued in the outbox in the turn's transaction
  CoachingWrites coaching;                // reminder claim, reminder set/stop, journal answer
};

// Where a person's conversation stands: enough to resume it.
struct Conversation {
  std::string user_id;
  std::int64_t turns = 0;  // number of committed turns
  nlohmann::json state;    // engine state after the last turn; null before the first
};

// One line of a transcript, oldest first when returned in a list.
struct HistoryMessage {
  std::string from;        // "user" or "bot"
  nlohmann::json message;  // {"text":...} for the user; a reply message object for the bot
  std::int64_t turn_no = 0;
  std::int64_t at_ms = 0;
};

struct Stats {
  std::int64_t users = 0;
  std::int64_t turns = 0;
  std::vector<std::pair<std::string, std::int64_t>> flags_by_tier;  // tier -> flags raised
};

// Every person's conversation: its turns, in order, deduplicated by the
// channel's message id (the processed-message ids), and the operator's views of
// it (export, erase, retention, stats).
//
// Thread-safety: every method may be called from any thread. Reads run on the
// calling thread (never call them from an I/O thread: post them to a blocking pool).
// append_turn queues the record for the writer thread and returns at once.
class ConversationLog {
 public:
  using CommitHandler = std::function<void(boost::system::error_code)>;

  virtual ~ConversationLog() = default;

  // Creates a user with a fresh random id and returns the id.
  virtual result<std::string> create_user(std::int64_t now_ms) = 0;
  virtual result<bool> user_exists(const std::string& user_id) = 0;

  // The conversation to resume; turns == 0 and state null for a user with none.
  virtual result<Conversation> load_conversation(const std::string& user_id) = 0;

  // The turn committed earlier under this client message id, if any.
  virtual result<std::optional<TurnRecord>> find_turn(const std::string& user_id,
                                                      const std::string& client_msg_id) = 0;

  // The last `limit` messages of both sides, oldest first.
  virtual result<std::vector<HistoryMessage>> recent_messages(const std::string& user_id,
                                                              int limit) = 0;

  // Queues the turn; `done` runs on the writer thread once the transaction holding
  // it has committed (success) or failed. A turn whose (user_id, client_msg_id) was
  // already committed completes with errc::duplicate and is not stored twice.
  // Turns are committed in the order they were queued.
  virtual void append_turn(TurnRecord turn, CommitHandler done) = 0;

  // Everything stored about a user, as one JSON document.
  virtual result<nlohmann::json> export_user(const std::string& user_id) = 0;

  // Erases every row of the user. Returns false when there was no such user.
  virtual result<bool> erase_user(const std::string& user_id) = 0;

  // Erases, exactly as erase_user does, up to `max_users` people whose conversation
  // was last active (created, or advanced by a turn) before `idle_before_ms`, in
  // one transaction. Returns how many; fewer than `max_users` means none is left.
  virtual result<std::int64_t> erase_idle(std::int64_t idle_before_ms, std::int64_t max_users) = 0;

  virtual result<Stats> stats() = 0;

  // True while the database is open and accepts writes. After a failed write (a
  // full disk, a file turned read-only) it tries one, so it notices when writes work
  // again with no turn written meanwhile: call it from a blocking thread.
  virtual bool writable() = 0;
};

}  // namespace backcoach::store
