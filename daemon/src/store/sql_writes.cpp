#include "store/sql_writes.h"

#include <vector>

#include "store/fail.h"
#include "store/json_column.h"
#include "store/sql_coaching.h"
#include "store/sql_outbox.h"

namespace backcoach::store::sql {
namespace {

constexpr char kInsertUser[] = "INSERT INTO users (id, created_at_ms) VALUES (?1, ?2)";
constexpr char kInsertConversation[] =
    "INSERT INTO conversations (user_id, turns, updated_at_ms) VALUES (?1, 0, ?2)";
constexpr char kInsertTurn[] =
    "INSERT INTO turns (user_id, turn_no, client_msg_id, channel, user_text, intents, messages,"
    " tier, flags, new_flags, exercises, state, created_at_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
// The turn count is counted here rather than copied from turn_no, so it is the
// number of committed turns even if a caller numbers turns differently.
constexpr char kAdvanceConversation[] =
    "INSERT INTO conversations (user_id, turns, tier, state, updated_at_ms)"
    " VALUES (?1, 1, ?2, ?3, ?4)"
    " ON CONFLICT (user_id) DO UPDATE SET turns = turns + 1, tier = excluded.tier,"
    " state = excluded.state, updated_at_ms = excluded.updated_at_ms";
constexpr char kInsertFlag[] =
    "INSERT INTO flags_raised (turn_id, user_id, flag, tier, raised_at_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kInsertExercise[] =
    "INSERT INTO exercises_recommended (turn_id, user_id, exercise, recommended_at_ms)"
    " VALUES (?1, ?2, ?3, ?4)";
constexpr char kDeleteUser[] = "DELETE FROM users WHERE id = ?1";
constexpr char kIdleUsers[] =
    "SELECT user_id FROM conversations WHERE updated_at_ms < ?1 ORDER BY updated_at_ms LIMIT ?2";

void bind_optional(Statement& stmt, int index, const std::optional<std::string>& value) {
  if (value) {
    stmt.bind(index, *value);
  } else {
    stmt.bind_null(index);
  }
}

boost::system::error_code insert_turn_row(Database& db, const TurnRecord& t,
                                          const std::string& state_text) {
  Statement* stmt = db.cached(kInsertTurn);
  if (stmt == nullptr) return errc::storage_error;
  stmt->bind(1, t.user_id);
  stmt->bind(2, t.turn_no);
  if (t.client_msg_id.empty()) {
    stmt->bind_null(3);
  } else {
    stmt->bind(3, t.client_msg_id);
  }
  stmt->bind(4, t.channel);
  stmt->bind(5, t.user_text);
  stmt->bind(6, json_text(t.intents));
  stmt->bind(7, json_text(t.messages));
  bind_optional(*stmt, 8, t.tier);
  stmt->bind(9, json_text(t.flags));
  stmt->bind(10, json_text(t.new_flags));
  stmt->bind(11, json_text(t.exercises));
  stmt->bind(12, state_text);
  stmt->bind(13, t.created_at_ms);
  return run(*stmt);
}

boost::system::error_code advance_conversation(Database& db, const TurnRecord& t,
                                               const std::string& state_text) {
  Statement* stmt = db.cached(kAdvanceConversation);
  if (stmt == nullptr) return errc::storage_error;
  stmt->bind(1, t.user_id);
  bind_optional(*stmt, 2, t.tier);
  stmt->bind(3, state_text);
  stmt->bind(4, t.created_at_ms);
  return run(*stmt);
}

boost::system::error_code insert_details(Database& db, const TurnRecord& t, std::int64_t turn_id) {
  for (const std::string& flag : t.new_flags) {
    Statement* stmt = db.cached(kInsertFlag);
    if (stmt == nullptr) return errc::storage_error;
    stmt->bind(1, turn_id);
    stmt->bind(2, t.user_id);
    stmt->bind(3, flag);
    bind_optional(*stmt, 4, t.tier);
    stmt->bind(5, t.created_at_ms);
    if (auto ec = run(*stmt)) return ec;
  }
  for (const std::string& exercise : t.exercises) {
    Statement* stmt = db.cached(kInsertExercise);
    if (stmt == nullptr) return errc::storage_error;
    stmt->bind(1, turn_id);
    stmt->bind(2, t.user_id);
    stmt->bind(3, exercise);
    stmt->bind(4, t.created_at_ms);
    if (auto ec = run(*stmt)) return ec;
  }
  return {};
}

}  // namespace

boost::system::error_code run(Statement& stmt) {
  StatementScope scope(stmt);
  for (;;) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

boost::system::error_code insert_user(Database& db, const std::string& user_id,
                                      std::int64_t now_ms) {
  Statement* user = db.cached(kInsertUser);
  Statement* conversation = db.cached(kInsertConversation);
  if (user == nullptr || conversation == nullptr) return errc::storage_error;
  user->bind(1, user_id);
  user->bind(2, now_ms);
  if (auto ec = run(*user)) return ec;
  conversation->bind(1, user_id);
  conversation->bind(2, now_ms);
  return run(*conversation);
}

boost::system::error_code insert_turn(Database& db, const TurnRecord& turn) {
  const std::string state_text = json_text(turn.state);  // the largest column: serialise once
  if (auto ec = insert_turn_row(db, turn, state_text)) return ec;
  const std::int64_t turn_id = db.last_insert_id();
  if (auto ec = advance_conversation(db, turn, state_text)) return ec;
  if (auto ec = apply_coaching(db, turn.user_id, turn.coaching, turn.created_at_ms)) return ec;
  if (auto ec = insert_details(db, turn, turn_id)) return ec;
  // What the turn owes a channel commits with it, or not at all.
  return insert_outgoing(db, turn.user_id, turn.outgoing, turn.created_at_ms);
}

result<bool> delete_user(Database& db, const std::string& user_id) {
  Statement* stmt = db.cached(kDeleteUser);
  if (stmt == nullptr) return fail(errc::storage_error);
  stmt->bind(1, user_id);
  if (auto ec = run(*stmt)) return fail(ec);
  return db.changes() > 0;
}

// The ids are read to the end before the first delete, so the SELECT is not
// stepping over rows the deletes remove.
result<std::int64_t> delete_idle_users(Database& db, std::int64_t before_ms, std::int64_t limit) {
  Statement* idle = db.cached(kIdleUsers);
  if (idle == nullptr) return fail(errc::storage_error);
  std::vector<std::string> ids;
  {
    StatementScope scope(*idle);
    idle->bind(1, before_ms);
    idle->bind(2, limit);
    for (;;) {
      auto row = idle->step();
      if (!row) return fail(row.error());
      if (!*row) break;
      ids.push_back(idle->column_text(0));
    }
  }
  std::int64_t erased = 0;
  for (const std::string& id : ids) {
    auto gone = delete_user(db, id);
    if (!gone) return fail(gone.error());
    if (*gone) ++erased;
  }
  return erased;
}

}  // namespace backcoach::store::sql
