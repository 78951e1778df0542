#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "store/store.h"

namespace backcoach::store {

class BatchWriter;
class Database;
class ReadPool;

struct SqliteOptions {
  // Create the file (and its folder) when missing; otherwise a missing file is
  // errc::not_found. Operators' tools turn this off so a typo creates nothing.
  bool create_if_missing = true;
  // No writer thread and no migrations: reads only, every write fails with
  // errc::unavailable. The schema must already be this build's version.
  bool read_only = false;
  int busy_timeout_ms = 5000;
  // The most turns committed in one transaction.
  std::size_t max_batch = 256;
  // Read connections kept open for reuse (more are opened under load).
  std::size_t max_idle_readers = 4;
  // Called on the writer thread after each commit with the number of jobs in it,
  // e.g. to feed a histogram. Must not block.
  std::function<void(std::size_t)> on_batch_committed;
  // Called on the writer thread when a write or commit fails, with SQLite's
  // message (names no user data), e.g. to log it. Must not block.
  std::function<void(const std::string&)> on_error;
  // Called on the writer thread after a commit that queued outbox messages (a turn
  // with outgoing messages, an enqueue), e.g. to wake the outbox worker. Must not
  // block.
  std::function<void()> on_outbox_queued;
};

// The embedded Store: one SQLite file in WAL mode with synchronous=FULL, so a
// turn whose `done` reported success survives a crash or power loss. One writer
// thread commits queued turns in batches (group commit); reads run on the caller's
// thread on a pooled read connection. The path ":memory:" gives a private
// in-memory database (tests), where reads and the writer share one connection.
//
// Thread-safety: as Store; every method may be called from any thread, except
// that create_user, erase_user and close must not be called from a CommitHandler
// (they wait for the writer thread; from it they fail with errc::invalid_argument
// instead of deadlocking). The store must not be destroyed on the writer thread
// (do not let a CommitHandler drop the last owner).
class SqliteStore final : public Store {
 public:
  // Opens (creating when allowed) and migrates the database, then starts the
  // writer. On failure `why` (when given) says what an operator needs to know,
  // e.g. "cannot open x.db: file is not a database".
  static result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                   SqliteOptions options = {},
                                                   std::string* why = nullptr);

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  // Calls close().
  ~SqliteStore() override;

  result<std::string> create_user(std::int64_t now_ms) override;
  result<bool> user_exists(const std::string& user_id) override;
  result<Conversation> load_conversation(const std::string& user_id) override;
  result<std::optional<TurnRecord>> find_turn(const std::string& user_id,
                                              const std::string& client_msg_id) override;
  result<std::vector<HistoryMessage>> recent_messages(const std::string& user_id,
                                                      int limit) override;
  void append_turn(TurnRecord turn, CommitHandler done) override;
  result<nlohmann::json> export_user(const std::string& user_id) override;
  result<bool> erase_user(const std::string& user_id) override;
  result<std::int64_t> erase_idle(std::int64_t idle_before_ms, std::int64_t max_users) override;
  result<Stats> stats() override;
  result<Resolved> resolve_identity(const Identity& identity, std::int64_t now_ms) override;
  result<void> link_identity(const Identity& identity, const std::string& user_id,
                             std::int64_t now_ms) override;
  result<std::optional<std::string>> find_identity(const Identity& identity) override;
  result<std::vector<Identity>> identities_of(const std::string& user_id) override;
  result<void> enqueue(const std::string& user_id, const std::vector<OutgoingMessage>& messages,
                       std::int64_t now_ms) override;
  result<std::vector<QueuedMessage>> due(std::int64_t now_ms, int limit) override;
  result<void> mark_sent(std::int64_t id) override;
  result<void> reschedule(std::int64_t id, std::int64_t not_before_ms) override;
  result<void> give_up(std::int64_t id) override;
  result<Depth> depth() override;
  result<void> put_reminder(const Reminder& reminder, std::int64_t now_ms) override;
  result<std::optional<Reminder>> find_reminder(const std::string& user_id) override;
  result<bool> delete_reminder(const std::string& user_id) override;
  result<std::vector<DueReminder>> due_reminders(std::int64_t now_ms, int limit) override;
  result<bool> move_reminder(const ReminderClaim& claim, std::int64_t now_ms) override;
  result<std::vector<JournalEntry>> journal(const std::string& user_id, int limit) override;
  // LinkCodes and TelegramState: sqlite_store_telegram.cpp.
  result<void> add_link_code(const std::string& code, const std::string& user_id,
                             std::int64_t expires_at_ms, std::int64_t now_ms) override;
  result<std::string> redeem_link_code(const std::string& code, const Identity& identity,
                                       std::int64_t now_ms) override;
  result<std::vector<TelegramUpdate>> receive_updates(const std::string& bot_id,
                                                      const std::vector<TelegramUpdate>& updates,
                                                      std::optional<std::int64_t> next_offset,
                                                      std::int64_t now_ms) override;
  result<std::vector<TelegramUpdate>> pending_updates(const std::string& bot_id) override;
  result<void> mark_handled(const std::string& bot_id, std::int64_t update_id,
                            std::int64_t now_ms) override;
  result<std::int64_t> polling_offset(const std::string& bot_id) override;
  result<std::optional<std::string>> photo_file_id(const PhotoKey& key) override;
  result<void> save_photo_file_id(const PhotoKey& key, const std::string& file_id,
                                  std::int64_t now_ms) override;
  result<void> forget_photo_file_id(const PhotoKey& key) override;
  result<void> set_chat_stopped(std::int64_t chat_id, bool stopped, std::int64_t now_ms) override;
  result<void> set_chat_blocked(std::int64_t chat_id, bool blocked, std::int64_t now_ms) override;
  result<TelegramChat> chat(std::int64_t chat_id) override;
  result<std::vector<std::int64_t>> blocked_chats() override;
  // PushSubscriptions (migration 7).
  result<void> put_subscription(const PushSubscription& subscription, std::int64_t now_ms) override;
  result<std::vector<PushSubscription>> subscriptions_of(const std::string& user_id) override;
  result<std::optional<PushSubscription>> find_subscription(const std::string& endpoint) override;
  result<int> delete_subscriptions(const std::string& user_id,
                                   const std::string& endpoint) override;
  bool writable() override;
  void close() override;

 private:
  SqliteStore(std::unique_ptr<Database> write_db, std::unique_ptr<ReadPool> readers,
              const SqliteOptions& options);

  // Runs `op` on a read connection (sqlite_store_ops.h).
  template <class F>
  auto read(F&& op) -> decltype(op(std::declval<Database&>()));
  // Runs `op` in the writer's next batch and waits for its commit (sqlite_store_ops.h).
  template <class T>
  result<T> write_and_wait(std::function<result<T>(Database&)> op);
  // The erase path: `op` deletes people in the writer's next batch; returns once
  // it committed. Every way of erasing goes through here, so whatever an erase
  // must be followed by follows each of them.
  template <class T>
  result<T> erase(std::function<result<T>(Database&)> op);
  // Copies the WAL back into the database and truncates it (after an erase).
  void truncate_wal();

  // Runs `op` in the writer's next batch and waits for its commit, for statements
  // that return nothing.
  result<void> write_void(std::function<boost::system::error_code(Database&)> op);

  std::function<void(const std::string&)> on_error_;
  std::function<void()> on_outbox_queued_;

  std::mutex write_db_mutex_;           // held by the writer per batch; by readers of :memory:
  std::unique_ptr<Database> write_db_;  // null when read-only or closed
  std::unique_ptr<ReadPool> readers_;
  std::unique_ptr<BatchWriter> writer_;  // null when read-only
  std::mutex close_mutex_;
  std::atomic<bool> closed_{false};
};

}  // namespace backcoach::store
