#include "store/sql_coaching.h"

#include <algorithm>
#include <utility>

#include "store/fail.h"
#include "store/iso_time.h"
#include "store/json_column.h"

namespace backcoach::store::sql {
namespace {

using nlohmann::json;

constexpr char kUpsertReminder[] =
    "INSERT INTO reminders (user_id, kind, local_time, tz, channel, next_due_ms, updated_at_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (user_id) DO UPDATE SET"
    " kind = excluded.kind, local_time = excluded.local_time, tz = excluded.tz,"
    " channel = excluded.channel, next_due_ms = excluded.next_due_ms,"
    " updated_at_ms = excluded.updated_at_ms";
constexpr char kDeleteReminder[] = "DELETE FROM reminders WHERE user_id = ?1";
// Both reminder queries list the columns in the order read_reminder() expects.
constexpr char kFindReminder[] =
    "SELECT user_id, kind, local_time, tz, channel, next_due_ms, last_sent_ms FROM reminders"
    " WHERE user_id = ?1";
constexpr char kDueReminders[] =
    "SELECT r.user_id, r.kind, r.local_time, r.tz, r.channel, r.next_due_ms, r.last_sent_ms,"
    " c.tier FROM reminders r LEFT JOIN conversations c ON c.user_id = r.user_id"
    " WHERE r.next_due_ms <= ?1 ORDER BY r.next_due_ms LIMIT ?2";
constexpr char kMoveReminder[] =
    "UPDATE reminders SET next_due_ms = ?3, kind = ?4,"
    " last_sent_ms = CASE WHEN ?5 THEN ?6 ELSE last_sent_ms END, updated_at_ms = ?6"
    " WHERE user_id = ?1 AND next_due_ms = ?2";
constexpr char kDropReminder[] = "DELETE FROM reminders WHERE user_id = ?1 AND next_due_ms = ?2";
constexpr char kOpenEntry[] =
    "INSERT INTO journal (user_id, date, flags, created_at_ms, updated_at_ms)"
    " VALUES (?1, ?2, '[]', ?3, ?3) ON CONFLICT (user_id, date) DO NOTHING";
constexpr char kEntryIfNone[] =
    "INSERT INTO journal (user_id, date, flags, created_at_ms, updated_at_ms)"
    " SELECT ?1, ?2, '[]', ?3, ?3 WHERE NOT EXISTS (SELECT 1 FROM journal WHERE user_id = ?1)";
constexpr char kLatestEntry[] =
    "SELECT id, flags FROM journal WHERE user_id = ?1 ORDER BY id DESC LIMIT 1";
constexpr char kAnswerEntry[] =
    "UPDATE journal SET pain = coalesce(?2, pain), routine_done = coalesce(?3, routine_done),"
    " felt = coalesce(?4, felt), flags = ?5, updated_at_ms = ?6 WHERE id = ?1";
constexpr char kJournal[] =
    "SELECT date, pain, routine_done, felt, flags, updated_at_ms FROM"
    " (SELECT * FROM journal WHERE user_id = ?1 ORDER BY date DESC, id DESC LIMIT ?2)"
    " ORDER BY date, id";
constexpr char kUserExists[] = "SELECT 1 FROM users WHERE id = ?1";

Reminder read_reminder(const Statement& s) {
  Reminder r;
  r.user_id = s.column_text(0);
  r.kind = s.column_text(1);
  r.local_time = s.column_text(2);
  r.tz = s.column_text(3);
  r.channel = s.column_text(4);
  r.next_due_ms = s.column_int(5);
  if (!s.is_null(6)) r.last_sent_ms = s.column_int(6);
  return r;
}

template <class T>
void bind_optional(Statement& stmt, int index, const std::optional<T>& value) {
  if (!value) return stmt.bind_null(index);
  if constexpr (std::is_same_v<T, std::string>) {
    stmt.bind(index, *value);
  } else {
    stmt.bind(index, static_cast<std::int64_t>(*value));
  }
}

result<bool> user_exists(Database& db, const std::string& user_id) {
  Statement* stmt = db.cached(kUserExists);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, user_id);
  return stmt->step();
}

// The latest entry's id and flags, after making one for `date` when there is none.
result<std::pair<std::int64_t, std::vector<std::string>>> latest_entry(Database& db,
                                                                       const std::string& user_id,
                                                                       const std::string& date,
                                                                       std::int64_t now_ms) {
  Statement* make = db.cached(kEntryIfNone);
  Statement* latest = db.cached(kLatestEntry);
  if (make == nullptr || latest == nullptr) return fail(errc::storage_error);
  make->bind(1, user_id);
  make->bind(2, date);
  make->bind(3, now_ms);
  if (auto ec = make->run()) return fail(ec);
  StatementScope scope(*latest);
  latest->bind(1, user_id);
  auto row = latest->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(errc::storage_error);
  auto flags = parse_string_list(latest->column_text(1));
  if (!flags) return fail(flags.error());
  return std::make_pair(latest->column_int(0), std::move(*flags));
}

json entry_json(const JournalEntry& e) {
  return {{"date", e.date},
          {"pain", e.pain ? json(*e.pain) : json(nullptr)},
          {"routine_done", e.routine_done ? json(*e.routine_done) : json(nullptr)},
          {"felt", e.felt ? json(*e.felt) : json(nullptr)},
          {"flags", e.flags},
          {"updated_at", iso8601_utc(e.updated_at_ms)}};
}

}  // namespace

boost::system::error_code upsert_reminder(Database& db, const Reminder& r, std::int64_t now_ms) {
  Statement* stmt = db.cached(kUpsertReminder);
  if (stmt == nullptr) return errc::storage_error;
  stmt->bind(1, r.user_id);
  stmt->bind(2, r.kind);
  stmt->bind(3, r.local_time);
  stmt->bind(4, r.tz);
  stmt->bind(5, r.channel);
  stmt->bind(6, r.next_due_ms);
  stmt->bind(7, now_ms);
  return stmt->run();
}

result<bool> delete_reminder(Database& db, const std::string& user_id) {
  Statement* stmt = db.cached(kDeleteReminder);
  if (stmt == nullptr) return fail(errc::storage_error);
  stmt->bind(1, user_id);
  if (auto ec = stmt->run()) return fail(ec);
  return db.changes() > 0;
}

result<std::optional<Reminder>> find_reminder(Database& db, const std::string& user_id) {
  Statement* stmt = db.cached(kFindReminder);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, user_id);
  auto row = stmt->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Reminder>();
  return std::optional<Reminder>(read_reminder(*stmt));
}

result<std::vector<DueReminder>> due_reminders(Database& db, std::int64_t now_ms, int limit) {
  Statement* stmt = db.cached(kDueReminders);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, now_ms);
  stmt->bind(2, static_cast<std::int64_t>(limit));
  std::vector<DueReminder> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    DueReminder due{read_reminder(*stmt), std::nullopt};
    if (!stmt->is_null(7)) due.tier = stmt->column_text(7);
    out.push_back(std::move(due));
  }
}

result<bool> apply_claim(Database& db, const ReminderClaim& claim, std::int64_t now_ms) {
  Statement* stmt = db.cached(claim.next_due_ms ? kMoveReminder : kDropReminder);
  if (stmt == nullptr) return fail(errc::storage_error);
  stmt->bind(1, claim.user_id);
  stmt->bind(2, claim.due_ms);
  if (claim.next_due_ms) {
    stmt->bind(3, *claim.next_due_ms);
    stmt->bind(4, claim.kind);
    stmt->bind(5, static_cast<std::int64_t>(claim.sent ? 1 : 0));
    stmt->bind(6, now_ms);
  }
  if (auto ec = stmt->run()) return fail(ec);
  return db.changes() > 0;
}

boost::system::error_code apply_journal(Database& db, const std::string& user_id,
                                        const JournalChange& change, std::int64_t now_ms) {
  if (change.opens) {
    Statement* open = db.cached(kOpenEntry);
    if (open == nullptr) return errc::storage_error;
    open->bind(1, user_id);
    open->bind(2, change.date);
    open->bind(3, now_ms);
    if (auto ec = open->run()) return ec;
  }
  const bool answers = change.pain || change.routine_done || change.felt || !change.flags.empty();
  if (!answers) return {};
  auto entry = latest_entry(db, user_id, change.date, now_ms);
  if (!entry) return entry.error();
  auto& [id, flags] = *entry;
  for (const auto& f : change.flags) {
    if (std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
  }
  Statement* answer = db.cached(kAnswerEntry);
  if (answer == nullptr) return errc::storage_error;
  answer->bind(1, id);
  bind_optional(*answer, 2, change.pain);
  bind_optional(*answer, 3, change.routine_done);
  bind_optional(*answer, 4, change.felt);
  answer->bind(5, json_text(flags));
  answer->bind(6, now_ms);
  return answer->run();
}

boost::system::error_code apply_coaching(Database& db, const std::string& user_id,
                                         const CoachingWrites& writes, std::int64_t now_ms) {
  if (writes.claim) {
    auto won = apply_claim(db, *writes.claim, now_ms);
    if (!won) return won.error();
    if (!*won) return errc::duplicate;  // claimed before: this check-in is not sent again
  }
  if (writes.stop_reminders) {
    if (auto gone = delete_reminder(db, user_id); !gone) return gone.error();
  }
  if (writes.set_reminder) {
    if (auto ec = upsert_reminder(db, *writes.set_reminder, now_ms)) return ec;
  }
  if (writes.journal) return apply_journal(db, user_id, *writes.journal, now_ms);
  return {};
}

result<std::vector<JournalEntry>> journal(Database& db, const std::string& user_id, int limit) {
  auto exists = user_exists(db, user_id);
  if (!exists) return fail(exists.error());
  if (!*exists) return fail(errc::not_found);
  Statement* stmt = db.cached(kJournal);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, user_id);
  stmt->bind(2, static_cast<std::int64_t>(limit));
  std::vector<JournalEntry> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    JournalEntry e;
    e.date = stmt->column_text(0);
    if (!stmt->is_null(1)) e.pain = static_cast<int>(stmt->column_int(1));
    if (!stmt->is_null(2)) e.routine_done = stmt->column_int(2) != 0;
    if (!stmt->is_null(3)) e.felt = stmt->column_text(3);
    auto flags = parse_string_list(stmt->column_text(4));
    if (!flags) return fail(flags.error());
    e.flags = std::move(*flags);
    e.updated_at_ms = stmt->column_int(5);
    out.push_back(std::move(e));
  }
}

result<json> export_reminder(Database& db, const std::string& user_id) {
  auto found = find_reminder(db, user_id);
  if (!found) return fail(found.error());
  if (!*found) return json(nullptr);
  const Reminder& r = **found;
  return json{{"kind", r.kind},
              {"time", r.local_time},
              {"tz", r.tz},
              {"channel", r.channel},
              {"next_due", iso8601_utc(r.next_due_ms)},
              {"last_sent", r.last_sent_ms ? json(iso8601_utc(*r.last_sent_ms)) : json(nullptr)}};
}

result<json> export_journal(Database& db, const std::string& user_id) {
  auto entries = journal(db, user_id, 1 << 30);
  if (!entries) return fail(entries.error());
  json out = json::array();
  for (const auto& e : *entries) out.push_back(entry_json(e));
  return out;
}

}  // namespace backcoach::store::sql
