#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/errc.h"

// Forward declarations only: <sqlite3.h> stays inside the .cpp files.
struct sqlite3;
struct sqlite3_stmt;

namespace backcoach::store {

// A prepared statement. Owned by the Database that prepared it (its cache) or by
// the caller (Database::prepare). Not thread-safe: used by one thread at a time,
// like the connection it belongs to.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQL. Text is copied by SQLite.
  void bind(int index, std::string_view text);
  void bind(int index, std::int64_t value);
  void bind_null(int index);

  // Advances one row: true when a row is ready, false when done; on failure the
  // error is the statement's extended result code as errc (see Database::to_errc).
  result<bool> step();
  // Clears bindings and rewinds; ends the statement's implicit read transaction.
  void reset() noexcept;
  // Steps to the end (rows are ignored), then reset(): for INSERT, UPDATE, DELETE.
  boost::system::error_code run();

  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  std::string column_text(int column) const;

  // The extended result code of the last failed step (0 when none).
  int last_code() const noexcept { return last_code_; }

 private:
  sqlite3_stmt* stmt_;
  int last_code_ = 0;
};

// Resets a statement when the scope ends, so no read transaction stays open.
class StatementScope {
 public:
  explicit StatementScope(Statement& s) noexcept : s_(s) {}
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;
  ~StatementScope() { s_.reset(); }
  Statement* operator->() noexcept { return &s_; }
  Statement& operator*() noexcept { return s_; }

 private:
  Statement& s_;
};

// One SQLite connection (RAII over sqlite3*). Not thread-safe: one thread at a
// time. Keeps the statements it prepared with `cached` until it closes.
class Database {
 public:
  struct OpenFlags {
    bool read_only = false;
    bool create = true;
    bool uri = false;  // the path is a "file:" URI
  };

  // Opens and configures the connection: busy timeout, foreign keys. A file that
  // is not a database fails here (it is read once), not on first use.
  static result<std::unique_ptr<Database>> open(const std::string& path, OpenFlags flags,
                                                int busy_timeout_ms, std::string* why);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs statements that return no rows we need (PRAGMA, DDL, BEGIN, ...).
  boost::system::error_code exec(const char* sql);
  // A statement kept for the life of the connection; `sql` must outlive it
  // (a string literal). Returns nullptr when SQL does not compile (a bug).
  Statement* cached(const char* sql);
  // A one-off statement owned by the caller.
  result<std::unique_ptr<Statement>> prepare(std::string_view sql);

  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  std::int64_t changes() const;
  // The rowid of the last INSERT on this connection.
  std::int64_t last_insert_id() const;
  // The last error SQLite reported on this connection, for logs (no user data).
  std::string last_error() const;
  bool read_only() const;
  // The raw handle, for SQLite APIs this wrapper does not cover (the online
  // backup). The Database keeps ownership; never close it.
  sqlite3* handle() const noexcept { return db_; }

  // Maps SQLite result codes onto the daemon's errors: unique violations are
  // duplicate, foreign-key violations not_found; busy, a full disk and a read-only
  // file unavailable (writes refused for now); else storage_error. `system_errno`
  // (sqlite3_system_errno) tells an I/O error from a full disk: ENOSPC, EFBIG, EDQUOT.
  static boost::system::error_code to_errc(int extended_code, int system_errno = 0) noexcept;

 private:
  explicit Database(sqlite3* db) noexcept : db_(db) {}

  sqlite3* db_;
  std::map<const char*, std::unique_ptr<Statement>> cache_;
};

// A transaction on one connection: rolls back unless committed. BEGIN IMMEDIATE
// for writers (takes the write lock at once), BEGIN (deferred) for a read snapshot.
class Transaction {
 public:
  enum class Kind { kRead, kWrite };
  Transaction(Database& db, Kind kind) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // The error from BEGIN, if it failed.
  boost::system::error_code begin_error() const noexcept { return begin_error_; }
  boost::system::error_code commit();

 private:
  Database& db_;
  boost::system::error_code begin_error_;
  bool open_ = false;
};

}  // namespace backcoach::store
