#include "store/sqlite_store.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include "store/batch_writer.h"
#include "store/fail.h"
#include "store/migrations.h"
#include "store/read_pool.h"
#include "store/sql_coaching.h"
#include "store/sql_identities.h"
#include "store/sql_outbox.h"
#include "store/sql_push.h"
#include "store/sql_reads.h"
#include "store/sql_writes.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store_ops.h"
#include "store/user_id.h"

namespace backcoach::store {
namespace {

constexpr char kMemoryPath[] = ":memory:";
constexpr int kCreateUserAttempts = 3;

void set_why(std::string* why, std::string text) {
  if (why != nullptr) *why = std::move(text);
}

// Makes the folder for a new database, or checks the file exists when the
// caller may not create one.
boost::system::error_code prepare_path(const std::string& path, const SqliteOptions& options,
                                       std::string* why) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!options.create_if_missing || options.read_only) {
    if (!fs::exists(path, ec)) {
      set_why(why, "no database at " + path);
      return errc::not_found;
    }
    return {};
  }
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::create_directories(parent, ec) && ec) {
    set_why(why, "cannot create folder " + parent.string() + ": " + ec.message());
    return errc::storage_error;
  }
  return {};
}

// WAL lets readers run beside the writer; synchronous=FULL makes every commit
// durable before `done` runs. An in-memory database keeps its "memory" journal.
boost::system::error_code configure_writer(Database& db, bool in_memory, std::string* why) {
  auto stmt = db.prepare("PRAGMA journal_mode = WAL");
  if (!stmt) return stmt.error();
  auto row = (*stmt)->step();
  const std::string mode = row && *row ? (*stmt)->column_text(0) : std::string();
  if (!in_memory && mode != "wal") {
    set_why(why, "cannot switch the database to WAL mode: " + db.last_error());
    return errc::storage_error;
  }
  if (auto ec = db.exec("PRAGMA synchronous = FULL")) return ec;
  return {};
}

// Rewrites the schema version with the value it has: a real write (page 1 goes to
// the WAL when the transaction commits), so the commit fails on a full disk or a
// read-only file, and nothing else changes.
boost::system::error_code rewrite_schema_version(Database& db) {
  auto version = schema_version(db);
  if (!version) return version.error();
  const std::string same = "PRAGMA user_version = " + std::to_string(*version);
  return db.exec(same.c_str());
}

boost::system::error_code write_probe(Database& db) {
  Transaction txn(db, Transaction::Kind::kWrite);
  if (auto ec = txn.begin_error()) return ec;
  if (auto ec = rewrite_schema_version(db)) return ec;
  return txn.commit();
}

result<std::unique_ptr<Database>> open_writer(const std::string& path, bool in_memory,
                                              const SqliteOptions& options, std::string* why) {
  auto db =
      Database::open(path, {.read_only = false, .create = true}, options.busy_timeout_ms, why);
  if (!db) return db.error();
  // SQLite quietly opens a file it may not write read-only; a daemon that then says
  // "ready" fails every turn. Refuse it here, naming the file.
  if ((*db)->read_only()) {
    set_why(why, "cannot write " + path + ": it is read-only for this process (the file's or " +
                     "its folder's permissions, or a read-only mount)");
    return errc::storage_error;
  }
  if (auto ec = configure_writer(**db, in_memory, why)) return ec;
  auto migrated = migrate(**db, why);
  if (!migrated) return migrated.error();
  if (auto ec = write_probe(**db)) {
    set_why(why, "cannot write " + path + ": " + (*db)->last_error());
    return ec;
  }
  return db;
}

// A read-only store cannot migrate, so the file must already be at our version.
boost::system::error_code check_schema(const std::string& path, const SqliteOptions& options,
                                       std::string* why) {
  auto db =
      Database::open(path, {.read_only = true, .create = false}, options.busy_timeout_ms, why);
  if (!db) return db.error();
  auto version = schema_version(**db);
  if (!version) return version.error();
  if (*version != latest_schema_version()) {
    set_why(why, path + " has schema version " + std::to_string(*version) + ", this build reads " +
                     std::to_string(latest_schema_version()) +
                     " (start the daemon once to migrate)");
    return errc::validation_error;
  }
  return {};
}

}  // namespace

result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       SqliteOptions options, std::string* why) {
  const bool in_memory = path == kMemoryPath;
  if (in_memory && options.read_only) return errc::invalid_argument;
  if (!in_memory) {
    if (auto ec = prepare_path(path, options, why)) return ec;
  }
  std::unique_ptr<Database> write_db;
  if (options.read_only) {
    if (auto ec = check_schema(path, options, why)) return ec;
  } else {
    auto db = open_writer(path, in_memory, options, why);
    if (!db) return db.error();
    write_db = std::move(*db);
  }
  // The readers' pool is built by the constructor for :memory: (it lends write_db).
  std::unique_ptr<ReadPool> readers;
  if (!in_memory) {
    readers = std::make_unique<ReadPool>(path, options.busy_timeout_ms, options.max_idle_readers);
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(write_db), std::move(readers), options));
}

SqliteStore::SqliteStore(std::unique_ptr<Database> write_db, std::unique_ptr<ReadPool> readers,
                         const SqliteOptions& options)
    : on_error_(options.on_error),
      on_outbox_queued_(options.on_outbox_queued),
      write_db_(std::move(write_db)),
      readers_(std::move(readers)) {
  if (readers_ == nullptr) readers_ = std::make_unique<ReadPool>(*write_db_, write_db_mutex_);
  if (write_db_ != nullptr) {
    writer_ = std::make_unique<BatchWriter>(
        *write_db_, write_db_mutex_, options.max_batch,
        BatchWriter::Hooks{options.on_batch_committed, options.on_error});
  }
}

SqliteStore::~SqliteStore() { close(); }

result<std::string> SqliteStore::create_user(std::int64_t now_ms) {
  // A collision of 128 random bits is not expected; retrying costs nothing.
  for (int attempt = 1;; ++attempt) {
    auto id = new_user_id();
    if (!id) return id.error();
    auto created = write_and_wait<std::string>([&id, now_ms](Database& db) -> result<std::string> {
      if (auto ec = sql::insert_user(db, *id, now_ms)) return ec;
      return *id;
    });
    if (created || created.error() != errc::duplicate || attempt == kCreateUserAttempts) {
      return created;
    }
  }
}

// Looked up and made in one writer transaction, so two racing callers cannot make
// two people for one identity.
result<Identities::Resolved> SqliteStore::resolve_identity(const Identity& identity,
                                                           std::int64_t now_ms) {
  for (int attempt = 1;; ++attempt) {
    auto id = new_user_id();
    if (!id) return id.error();
    auto resolved =
        write_and_wait<Resolved>([&identity, &id, now_ms](Database& db) -> result<Resolved> {
          auto found = sql::find_identity(db, identity);
          if (!found) return fail(found.error());
          if (*found) return Resolved{**found, false};
          if (auto ec = sql::insert_user(db, *id, now_ms)) return fail(ec);
          if (auto ec = sql::insert_identity(db, identity, *id, now_ms)) return fail(ec);
          return Resolved{*id, true};
        });
    if (resolved || resolved.error() != errc::duplicate || attempt == kCreateUserAttempts) {
      return resolved;
    }
  }
}

result<void> SqliteStore::link_identity(const Identity& identity, const std::string& user_id,
                                        std::int64_t now_ms) {
  return write_void(
      [&](Database& db) { return sql::insert_identity(db, identity, user_id, now_ms); });
}

result<std::optional<std::string>> SqliteStore::find_identity(const Identity& identity) {
  return read([&](Database& db) { return sql::find_identity(db, identity); });
}

result<std::vector<Identity>> SqliteStore::identities_of(const std::string& user_id) {
  return read([&](Database& db) { return sql::identities_of(db, user_id); });
}

result<bool> SqliteStore::user_exists(const std::string& user_id) {
  return read([&](Database& db) { return sql::user_exists(db, user_id); });
}

result<Conversation> SqliteStore::load_conversation(const std::string& user_id) {
  return read([&](Database& db) { return sql::load_conversation(db, user_id); });
}

result<std::optional<TurnRecord>> SqliteStore::find_turn(const std::string& user_id,
                                                         const std::string& client_msg_id) {
  return read([&](Database& db) { return sql::find_turn(db, user_id, client_msg_id); });
}

result<std::vector<HistoryMessage>> SqliteStore::recent_messages(const std::string& user_id,
                                                                 int limit) {
  return read([&](Database& db) { return sql::recent_messages(db, user_id, limit); });
}

void SqliteStore::append_turn(TurnRecord turn, CommitHandler done) {
  if (writer_ == nullptr) {
    if (done) done(make_error_code(errc::unavailable));
    return;
  }
  if (!turn.outgoing.empty() && on_outbox_queued_) {
    done = [queued = on_outbox_queued_, done = std::move(done)](boost::system::error_code ec) {
      if (!ec) queued();
      if (done) done(ec);
    };
  }
  writer_->submit([turn = std::move(turn)](Database& db) { return sql::insert_turn(db, turn); },
                  std::move(done));
}

result<nlohmann::json> SqliteStore::export_user(const std::string& user_id) {
  return read([&](Database& db) { return sql::export_user(db, user_id); });
}

template <class T>
result<T> SqliteStore::erase(std::function<result<T>(Database&)> op) {
  auto erased = write_and_wait<T>(std::move(op));
  if (erased) truncate_wal();
  return erased;
}

// The erased rows are zeroed in the database (secure_delete), but older versions of
// their pages stay in the WAL until it is checkpointed and overwritten. Copying the
// WAL back and truncating it to nothing leaves no trace of them on disk.
void SqliteStore::truncate_wal() {
  std::lock_guard lock(write_db_mutex_);  // between two of the writer's batches
  if (write_db_ == nullptr) return;
  auto stmt = write_db_->prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  bool done = false;
  if (stmt) {
    auto row = (*stmt)->step();
    // The first column is 1 when readers kept the checkpoint from finishing.
    done = row && *row && (*stmt)->column_int(0) == 0;
  }
  if (!done && on_error_) {
    on_error_("erase: the WAL could not be truncated: " + write_db_->last_error());
  }
}

result<bool> SqliteStore::erase_user(const std::string& user_id) {
  return erase<bool>([&user_id](Database& db) { return sql::delete_user(db, user_id); });
}

result<std::int64_t> SqliteStore::erase_idle(std::int64_t idle_before_ms, std::int64_t max_users) {
  return erase<std::int64_t>([idle_before_ms, max_users](Database& db) {
    return sql::delete_idle_users(db, idle_before_ms, max_users);
  });
}

result<Stats> SqliteStore::stats() {
  return read([](Database& db) { return sql::stats(db); });
}

result<void> SqliteStore::write_void(std::function<boost::system::error_code(Database&)> op) {
  auto written = write_and_wait<bool>([&op](Database& db) -> result<bool> {
    if (auto ec = op(db)) return fail(ec);
    return true;
  });
  if (!written) return written.error();
  return {};
}

result<void> SqliteStore::enqueue(const std::string& user_id,
                                  const std::vector<OutgoingMessage>& messages,
                                  std::int64_t now_ms) {
  if (messages.empty()) return {};
  auto queued =
      write_void([&](Database& db) { return sql::insert_outgoing(db, user_id, messages, now_ms); });
  if (queued && on_outbox_queued_) on_outbox_queued_();
  return queued;
}

result<std::vector<QueuedMessage>> SqliteStore::due(std::int64_t now_ms, int limit) {
  return read([&](Database& db) { return sql::due_messages(db, now_ms, limit); });
}

result<void> SqliteStore::mark_sent(std::int64_t id) {
  return write_void([id](Database& db) { return sql::delete_outgoing(db, id); });
}

result<void> SqliteStore::reschedule(std::int64_t id, std::int64_t not_before_ms) {
  return write_void([id, not_before_ms](Database& db) {
    return sql::reschedule_outgoing(db, id, not_before_ms);
  });
}

result<void> SqliteStore::give_up(std::int64_t id) {
  return write_void([id](Database& db) { return sql::delete_outgoing(db, id); });
}

result<Outbox::Depth> SqliteStore::depth() {
  return read([](Database& db) { return sql::outbox_depth(db); });
}

// ---- reminders and journal (migration 6) ----------------------------------

result<void> SqliteStore::put_reminder(const Reminder& reminder, std::int64_t now_ms) {
  auto put = write_and_wait<bool>([&reminder, now_ms](Database& db) -> result<bool> {
    if (auto ec = sql::upsert_reminder(db, reminder, now_ms)) return fail(ec);
    return true;
  });
  if (!put) return put.error();
  return {};
}

result<std::optional<Reminder>> SqliteStore::find_reminder(const std::string& user_id) {
  return read([&](Database& db) { return sql::find_reminder(db, user_id); });
}

result<bool> SqliteStore::delete_reminder(const std::string& user_id) {
  return write_and_wait<bool>(
      [&user_id](Database& db) { return sql::delete_reminder(db, user_id); });
}

result<std::vector<DueReminder>> SqliteStore::due_reminders(std::int64_t now_ms, int limit) {
  return read([&](Database& db) { return sql::due_reminders(db, now_ms, limit); });
}

result<bool> SqliteStore::move_reminder(const ReminderClaim& claim, std::int64_t now_ms) {
  return write_and_wait<bool>(
      [&claim, now_ms](Database& db) { return sql::apply_claim(db, claim, now_ms); });
}

result<std::vector<JournalEntry>> SqliteStore::journal(const std::string& user_id, int limit) {
  return read([&](Database& db) -> result<std::vector<JournalEntry>> {
    Transaction txn(db, Transaction::Kind::kRead);
    if (auto ec = txn.begin_error()) return fail(ec);
    return sql::journal(db, user_id, limit);
  });
}

// ---- push subscriptions (migration 7) --------------------------------------

result<void> SqliteStore::put_subscription(const PushSubscription& subscription,
                                           std::int64_t now_ms) {
  return write_void(
      [&](Database& db) { return sql::upsert_subscription(db, subscription, now_ms); });
}

result<std::vector<PushSubscription>> SqliteStore::subscriptions_of(const std::string& user_id) {
  return read([&](Database& db) { return sql::subscriptions_of(db, user_id); });
}

result<std::optional<PushSubscription>> SqliteStore::find_subscription(
    const std::string& endpoint) {
  return read([&](Database& db) { return sql::find_subscription(db, endpoint); });
}

result<int> SqliteStore::delete_subscriptions(const std::string& user_id,
                                              const std::string& endpoint) {
  return write_and_wait<int>(
      [&](Database& db) { return sql::delete_subscriptions(db, user_id, endpoint); });
}

bool SqliteStore::writable() {
  if (closed_.load() || writer_ == nullptr) return false;
  if (writer_->healthy()) return true;
  // The last batch failed (a full disk, say). Writes may work again with nobody
  // writing to find out: try one; its commit makes the writer healthy again.
  // The probe writes 64 KiB, more than a turn: a one-page write may still fit in
  // what the failed commits left allocated, and would call a disk ready on which every
  // turn fails. The table is gone again when it commits (its pages are free for turns).
  auto probed = write_and_wait<bool>([](Database& db) -> result<bool> {
    if (auto ec = db.exec("CREATE TABLE write_probe (b BLOB);"
                          "INSERT INTO write_probe VALUES (zeroblob(65536));"
                          "DROP TABLE write_probe")) {
      return fail(ec);
    }
    return true;
  });
  return probed.has_value() && writer_->healthy();
}

void SqliteStore::close() {
  // From a CommitHandler the writer cannot wait for itself; the owner's later
  // close() or the destructor finishes the job.
  if (writer_ != nullptr && writer_->on_writer_thread()) return;
  std::lock_guard lock(close_mutex_);
  if (closed_.exchange(true)) return;
  if (writer_ != nullptr) writer_->stop();
  readers_->close();
  std::lock_guard db_lock(write_db_mutex_);
  write_db_.reset();  // the last connection to close checkpoints the WAL
}

}  // namespace backcoach::store
