#include "crash_safety_db.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>

namespace backcoach::e2e {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStmt {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

std::string text_column(sqlite3_stmt* stmt, int column) {
  const auto* text = sqlite3_column_text(stmt, column);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

// Calls `row` for each row of `sql` in the database at `path` (read-only); a failure
// fails the calling test, naming `what`.
template <class Row>
void each_row(const std::string& path, const char* sql, const char* what, Row row) {
  sqlite3* raw = nullptr;
  const int open_rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, CloseDb> db(raw);
  if (open_rc != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errstr(open_rc);
    return;
  }
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql, -1, &raw_stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot read " << what << ": " << sqlite3_errmsg(db.get());
    return;
  }
  std::unique_ptr<sqlite3_stmt, FinalizeStmt> stmt(raw_stmt);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) row(stmt.get());
  if (rc != SQLITE_DONE) ADD_FAILURE() << "reading " << what << ": " << sqlite3_errmsg(db.get());
}

}  // namespace

std::vector<StoredTurn> read_turns(const std::string& path) {
  std::vector<StoredTurn> turns;
  each_row(path,
           "SELECT user_id, client_msg_id, turn_no, user_text FROM turns ORDER BY user_id, turn_no",
           "turns", [&turns](sqlite3_stmt* stmt) {
             turns.push_back({text_column(stmt, 0), text_column(stmt, 1),
                              sqlite3_column_int64(stmt, 2), text_column(stmt, 3)});
           });
  return turns;
}

std::vector<StoredReminder> read_reminders(const std::string& path) {
  std::vector<StoredReminder> out;
  each_row(path, "SELECT user_id, local_time, tz, next_due_ms FROM reminders ORDER BY user_id",
           "reminders", [&out](sqlite3_stmt* stmt) {
             out.push_back({text_column(stmt, 0), text_column(stmt, 1), text_column(stmt, 2),
                            sqlite3_column_int64(stmt, 3)});
           });
  return out;
}

}  // namespace backcoach::e2e
