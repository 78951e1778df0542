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

}  // namespace

std::vector<StoredTurn> read_turns(const std::string& path) {
  std::vector<StoredTurn> turns;
  sqlite3* raw = nullptr;
  const int open_rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, CloseDb> db(raw);
  if (open_rc != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errstr(open_rc);
    return turns;
  }
  sqlite3_stmt* raw_stmt = nullptr;
  const char* sql =
      "SELECT user_id, client_msg_id, turn_no, user_text FROM turns ORDER BY user_id, turn_no";
  if (sqlite3_prepare_v2(db.get(), sql, -1, &raw_stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot read turns: " << sqlite3_errmsg(db.get());
    return turns;
  }
  std::unique_ptr<sqlite3_stmt, FinalizeStmt> stmt(raw_stmt);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    turns.push_back({text_column(stmt.get(), 0), text_column(stmt.get(), 1),
                     sqlite3_column_int64(stmt.get(), 2), text_column(stmt.get(), 3)});
  }
  if (rc != SQLITE_DONE) ADD_FAILURE() << "reading turns: " << sqlite3_errmsg(db.get());
  return turns;
}

}  // namespace backcoach::e2e
