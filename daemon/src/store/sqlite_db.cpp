#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <cerrno>
#include <utility>

#include "store/fail.h"

namespace backcoach::store {

namespace {

// Why a call failed, as the OS said: the thread's errno as the call left it (cleared
// before the call, so it is a failure of this call: the failed write, as the rollback
// after it succeeds), else sqlite3_system_errno. Not only the latter: SQLite 3.40 does
// not record it when a COMMIT's write fails (the VDBE halts before it would), and keeps
// an old one until the next I/O error it does record.
int system_errno_of(sqlite3* db, int thread_errno) {
  return thread_errno != 0 ? thread_errno : sqlite3_system_errno(db);
}

}  // namespace

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::bind_null(int index) { sqlite3_bind_null(stmt_, index); }

result<bool> Statement::step() {
  errno = 0;
  const int rc = sqlite3_step(stmt_);
  const int thread_errno = errno;
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  last_code_ = sqlite3_extended_errcode(db);
  return fail(Database::to_errc(last_code_, system_errno_of(db, thread_errno)));
}

void Statement::reset() noexcept {
  // sqlite3_reset repeats the last step's error; that error was already reported by step().
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

boost::system::error_code Statement::run() {
  for (;;) {
    auto row = step();
    if (!row || !*row) {
      reset();
      return row ? boost::system::error_code() : row.error();
    }
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

result<std::unique_ptr<Database>> Database::open(const std::string& path, OpenFlags flags,
                                                 int busy_timeout_ms, std::string* why) {
  int mode = flags.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (flags.create && !flags.read_only) mode |= SQLITE_OPEN_CREATE;
  if (flags.uri) mode |= SQLITE_OPEN_URI;
  // Each connection is used by one thread at a time (the store guarantees it), so
  // SQLite's own per-connection mutex is not needed.
  mode |= SQLITE_OPEN_NOMUTEX;

  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, mode, nullptr);
  // sqlite3_open_v2 allocates a handle even on failure; the wrapper frees it either way.
  std::unique_ptr<Database> db(new Database(raw));
  auto fail = [&](int code) -> result<std::unique_ptr<Database>> {
    if (why != nullptr) {
      *why = "cannot open " + path + ": " +
             (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(code));
    }
    return to_errc(code);
  };
  if (rc != SQLITE_OK) return fail(rc);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  // Reading the schema makes a file that is not a database fail now, with
  // SQLite's own words ("file is not a database"), instead of on first use.
  if (db->exec("PRAGMA foreign_keys = ON")) return fail(sqlite3_extended_errcode(raw));
  // Deleted content is overwritten with zeros, not merely unlinked, so that an erased
  // conversation leaves no text in the file (whatever this SQLite's build default).
  if (db->exec("PRAGMA secure_delete = ON")) return fail(sqlite3_extended_errcode(raw));
  if (db->exec("SELECT count(*) FROM sqlite_schema")) return fail(sqlite3_extended_errcode(raw));
  return db;
}

Database::~Database() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

boost::system::error_code Database::exec(const char* sql) {
  errno = 0;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  const int thread_errno = errno;
  if (rc == SQLITE_OK) return {};
  return to_errc(sqlite3_extended_errcode(db_), system_errno_of(db_, thread_errno));
}

Statement* Database::cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second.get();
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return nullptr;
  }
  auto [pos, inserted] = cache_.emplace(sql, std::make_unique<Statement>(stmt));
  return pos->second.get();
}

result<std::unique_ptr<Statement>> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return to_errc(sqlite3_extended_errcode(db_));
  return std::make_unique<Statement>(stmt);
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

std::string Database::last_error() const { return sqlite3_errmsg(db_); }

bool Database::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

boost::system::error_code Database::to_errc(int extended_code, int system_errno) noexcept {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return errc::duplicate;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return errc::not_found;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return errc::unavailable;
    case SQLITE_CANTOPEN:
      return errc::not_found;
    // The disk is full, or the file or its mount became read-only: the database does
    // not accept writes now, which may pass (see Store::writable).
    case SQLITE_FULL:
    case SQLITE_READONLY:
      return errc::unavailable;
    // SQLite says FULL only for a short write; a write, fsync or truncate that fails
    // with ENOSPC, or EFBIG past a file size limit (ulimit -f, systemd's LimitFSIZE=),
    // or EDQUOT over a quota, comes as an I/O error. All are a full disk.
    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT) {
        return errc::unavailable;
      }
      return errc::storage_error;
    default:
      return errc::storage_error;
  }
}

Transaction::Transaction(Database& db, Kind kind) noexcept : db_(db) {
  begin_error_ = db_.exec(kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  open_ = !begin_error_;
}

Transaction::~Transaction() {
  // A failed ROLLBACK leaves nothing to do: SQLite rolls back when the connection closes.
  if (open_) db_.exec("ROLLBACK");
}

boost::system::error_code Transaction::commit() {
  if (!open_) return begin_error_ ? begin_error_ : make_error_code(errc::storage_error);
  auto ec = db_.exec("COMMIT");
  // A failed COMMIT leaves the transaction open; the destructor rolls it back.
  if (!ec) open_ = false;
  return ec;
}

}  // namespace backcoach::store
