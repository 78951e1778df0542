#include "store/sql_outbox.h"

#include "store/fail.h"
#include "store/json_column.h"
#include "store/sql_writes.h"

namespace backcoach::store::sql {
namespace {

constexpr char kInsert[] =
    "INSERT INTO outbox (user_id, channel, destination, payload, created_at_ms, not_before_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
// The head of each destination's queue (the index on (channel, destination, id)
// gives each MIN(id) without reading the queue), kept only when it is due: a
// destination whose oldest message waits holds back its later ones.
constexpr char kDue[] =
    "SELECT o.id, o.user_id, o.channel, o.destination, o.payload, o.attempts,"
    " o.created_at_ms, o.not_before_ms"
    " FROM (SELECT MIN(id) AS id FROM outbox GROUP BY channel, destination) AS head"
    " JOIN outbox AS o ON o.id = head.id"
    " WHERE o.not_before_ms <= ?1 ORDER BY o.id LIMIT ?2";
constexpr char kDelete[] = "DELETE FROM outbox WHERE id = ?1";
constexpr char kReschedule[] =
    "UPDATE outbox SET attempts = attempts + 1, not_before_ms = ?2 WHERE id = ?1";
constexpr char kDepth[] = "SELECT COUNT(*), MIN(created_at_ms) FROM outbox";

result<QueuedMessage> read_queued(Statement& stmt) {
  auto payload = parse_json_column(stmt.column_text(4));
  if (!payload) return fail(payload.error());
  QueuedMessage m;
  m.id = stmt.column_int(0);
  m.user_id = stmt.column_text(1);
  m.message = {stmt.column_text(2), stmt.column_text(3), std::move(*payload)};
  m.attempts = static_cast<int>(stmt.column_int(5));
  m.created_at_ms = stmt.column_int(6);
  m.not_before_ms = stmt.column_int(7);
  return m;
}

}  // namespace

boost::system::error_code insert_outgoing(Database& db, const std::string& user_id,
                                          const std::vector<OutgoingMessage>& messages,
                                          std::int64_t now_ms) {
  for (const OutgoingMessage& m : messages) {
    Statement* stmt = db.cached(kInsert);
    if (stmt == nullptr) return errc::storage_error;
    stmt->bind(1, user_id);
    stmt->bind(2, m.channel);
    stmt->bind(3, m.destination);
    stmt->bind(4, json_text(m.payload));
    stmt->bind(5, now_ms);
    if (auto ec = run(*stmt)) return ec;
  }
  return {};
}

result<std::vector<QueuedMessage>> due_messages(Database& db, std::int64_t now_ms, int limit) {
  Statement* stmt = db.cached(kDue);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, now_ms);
  stmt->bind(2, static_cast<std::int64_t>(limit));
  std::vector<QueuedMessage> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    auto m = read_queued(*stmt);
    if (!m) return fail(m.error());
    out.push_back(std::move(*m));
  }
}

boost::system::error_code delete_outgoing(Database& db, std::int64_t id) {
  Statement* stmt = db.cached(kDelete);
  if (stmt == nullptr) return errc::storage_error;
  stmt->bind(1, id);
  return run(*stmt);
}

boost::system::error_code reschedule_outgoing(Database& db, std::int64_t id,
                                              std::int64_t not_before_ms) {
  Statement* stmt = db.cached(kReschedule);
  if (stmt == nullptr) return errc::storage_error;
  stmt->bind(1, id);
  stmt->bind(2, not_before_ms);
  return run(*stmt);
}

result<Outbox::Depth> outbox_depth(Database& db) {
  Statement* stmt = db.cached(kDepth);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  auto row = stmt->step();
  if (!row) return fail(row.error());
  Outbox::Depth depth;
  if (!*row) return depth;
  depth.queued = stmt->column_int(0);
  if (!stmt->is_null(1)) depth.oldest_created_at_ms = stmt->column_int(1);
  return depth;
}

}  // namespace backcoach::store::sql
