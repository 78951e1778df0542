#include "store/sql_reads.h"

#include <algorithm>
#include <utility>

#include "store/fail.h"
#include "store/iso_time.h"
#include "store/json_column.h"
#include "store/sql_coaching.h"
#include "store/sql_identities.h"
#include "store/sql_push.h"

namespace backcoach::store::sql {
namespace {

using nlohmann::json;

constexpr char kUserExists[] = "SELECT created_at_ms FROM users WHERE id = ?1";
constexpr char kConversation[] =
    "SELECT turns, tier, state, updated_at_ms FROM conversations WHERE user_id = ?1";
// Both turn queries list the columns in the order read_turn() expects.
constexpr char kFindTurn[] =
    "SELECT user_id, client_msg_id, turn_no, channel, user_text, intents, messages, tier, flags,"
    " new_flags, exercises, state, created_at_ms FROM turns"
    " WHERE user_id = ?1 AND client_msg_id = ?2";
constexpr char kAllTurns[] =
    "SELECT user_id, client_msg_id, turn_no, channel, user_text, intents, messages, tier, flags,"
    " new_flags, exercises, state, created_at_ms FROM turns WHERE user_id = ?1 ORDER BY id";
constexpr char kRecentTurns[] =
    "SELECT turn_no, user_text, messages, created_at_ms FROM turns"
    " WHERE user_id = ?1 ORDER BY id DESC";
constexpr char kUserFlags[] =
    "SELECT f.flag, f.tier, t.turn_no, f.raised_at_ms FROM flags_raised f"
    " JOIN turns t ON t.id = f.turn_id WHERE f.user_id = ?1 ORDER BY f.id";
constexpr char kUserExercises[] =
    "SELECT e.exercise, t.turn_no, e.recommended_at_ms FROM exercises_recommended e"
    " JOIN turns t ON t.id = e.turn_id WHERE e.user_id = ?1 ORDER BY e.id";
constexpr char kCountUsers[] = "SELECT count(*) FROM users";
constexpr char kCountTurns[] = "SELECT count(*) FROM turns";
constexpr char kFlagsByTier[] =
    "SELECT coalesce(tier, 'none'), count(*) FROM flags_raised GROUP BY 1 ORDER BY 1";

// A cached statement with the user id bound to ?1.
result<Statement*> query(Database& db, const char* sql, const std::string& user_id) {
  Statement* stmt = db.cached(sql);
  if (stmt == nullptr) return fail(errc::storage_error);
  stmt->bind(1, user_id);
  return stmt;
}

json nullable_text(const Statement& stmt, int column) {
  if (stmt.is_null(column)) return nullptr;
  return stmt.column_text(column);
}

result<TurnRecord> read_turn(const Statement& s) {
  TurnRecord t;
  t.user_id = s.column_text(0);
  t.client_msg_id = s.column_text(1);
  t.turn_no = s.column_int(2);
  t.channel = s.column_text(3);
  t.user_text = s.column_text(4);
  auto intents = parse_json_column(s.column_text(5));
  auto messages = parse_json_column(s.column_text(6));
  auto flags = parse_string_list(s.column_text(8));
  auto new_flags = parse_string_list(s.column_text(9));
  auto exercises = parse_string_list(s.column_text(10));
  auto state = parse_json_column(s.column_text(11));
  if (!intents || !messages || !flags || !new_flags || !exercises || !state) {
    return fail(errc::storage_error);
  }
  t.intents = std::move(*intents);
  t.messages = std::move(*messages);
  if (!s.is_null(7)) t.tier = s.column_text(7);
  t.flags = std::move(*flags);
  t.new_flags = std::move(*new_flags);
  t.exercises = std::move(*exercises);
  t.state = std::move(*state);
  t.created_at_ms = s.column_int(12);
  return t;
}

json turn_to_export(const TurnRecord& t) {
  return json{{"turn_no", t.turn_no},
              {"client_msg_id", t.client_msg_id.empty() ? json(nullptr) : json(t.client_msg_id)},
              {"channel", t.channel},
              {"text", t.user_text},
              {"intents", t.intents},
              {"messages", t.messages},
              {"tier", t.tier ? json(*t.tier) : json(nullptr)},
              {"flags", t.flags},
              {"new_flags", t.new_flags},
              {"exercises", t.exercises},
              {"created_at", iso8601_utc(t.created_at_ms)}};
}

// One turn's messages in the order they were said: the person's, then the bot's.
// A turn with no text (the opening greeting, a check-in) has only bot messages.
result<std::vector<HistoryMessage>> turn_messages(const Statement& s) {
  const std::int64_t turn_no = s.column_int(0);
  const std::int64_t at_ms = s.column_int(3);
  auto replies = parse_json_column(s.column_text(2));
  if (!replies || !replies->is_array()) return fail(errc::storage_error);
  std::vector<HistoryMessage> out;
  std::string text = s.column_text(1);
  if (!text.empty()) out.push_back({"user", json{{"text", std::move(text)}}, turn_no, at_ms});
  for (auto& reply : *replies) out.push_back({"bot", std::move(reply), turn_no, at_ms});
  return out;
}

result<json> export_user_row(Database& db, const std::string& user_id) {
  auto stmt = query(db, kUserExists, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  auto row = scope->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(errc::not_found);
  return json{{"id", user_id}, {"created_at", iso8601_utc(scope->column_int(0))}};
}

result<json> export_turns(Database& db, const std::string& user_id) {
  auto stmt = query(db, kAllTurns, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  json turns = json::array();
  for (;;) {
    auto row = scope->step();
    if (!row) return fail(row.error());
    if (!*row) return turns;
    auto turn = read_turn(*scope);
    if (!turn) return fail(turn.error());
    turns.push_back(turn_to_export(*turn));
  }
}

result<json> export_flags(Database& db, const std::string& user_id) {
  auto stmt = query(db, kUserFlags, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  json flags = json::array();
  for (;;) {
    auto row = scope->step();
    if (!row) return fail(row.error());
    if (!*row) return flags;
    flags.push_back({{"flag", scope->column_text(0)},
                     {"tier", nullable_text(*scope, 1)},
                     {"turn_no", scope->column_int(2)},
                     {"raised_at", iso8601_utc(scope->column_int(3))}});
  }
}

result<json> export_exercises(Database& db, const std::string& user_id) {
  auto stmt = query(db, kUserExercises, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  json exercises = json::array();
  for (;;) {
    auto row = scope->step();
    if (!row) return fail(row.error());
    if (!*row) return exercises;
    exercises.push_back({{"exercise", scope->column_text(0)},
                         {"turn_no", scope->column_int(1)},
                         {"recommended_at", iso8601_utc(scope->column_int(2))}});
  }
}

result<std::int64_t> count(Database& db, const char* sql) {
  Statement* stmt = db.cached(sql);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  auto row = stmt->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(errc::storage_error);
  return stmt->column_int(0);
}

}  // namespace

result<bool> user_exists(Database& db, const std::string& user_id) {
  auto stmt = query(db, kUserExists, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  return scope->step();
}

result<Conversation> load_conversation(Database& db, const std::string& user_id) {
  auto stmt = query(db, kConversation, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  auto row = scope->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(errc::not_found);
  Conversation c;
  c.user_id = user_id;
  c.turns = scope->column_int(0);
  if (!scope->is_null(2)) {
    auto state = parse_json_column(scope->column_text(2));
    if (!state) return fail(state.error());
    c.state = std::move(*state);
  }
  return c;
}

result<std::optional<TurnRecord>> find_turn(Database& db, const std::string& user_id,
                                            const std::string& client_msg_id) {
  if (client_msg_id.empty()) return std::optional<TurnRecord>{};
  auto stmt = query(db, kFindTurn, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  scope->bind(2, client_msg_id);
  auto row = scope->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<TurnRecord>{};
  auto turn = read_turn(*scope);
  if (!turn) return fail(turn.error());
  return std::optional<TurnRecord>{std::move(*turn)};
}

result<std::vector<HistoryMessage>> recent_messages(Database& db, const std::string& user_id,
                                                    int limit) {
  Transaction txn(db, Transaction::Kind::kRead);
  if (auto ec = txn.begin_error()) return fail(ec);
  auto exists = user_exists(db, user_id);
  if (!exists) return fail(exists.error());
  if (!*exists) return fail(errc::not_found);
  const std::size_t wanted = limit > 0 ? static_cast<std::size_t>(limit) : 0;
  // Newest turns first, each turn's messages kept in order; reversed at the end.
  std::vector<std::vector<HistoryMessage>> turns;
  std::size_t have = 0;
  auto stmt = query(db, kRecentTurns, user_id);
  if (!stmt) return fail(stmt.error());
  StatementScope scope(**stmt);
  while (have < wanted) {
    auto row = scope->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    auto messages = turn_messages(*scope);
    if (!messages) return fail(messages.error());
    have += messages->size();
    turns.push_back(std::move(*messages));
  }
  std::vector<HistoryMessage> out;
  out.reserve(have);
  for (auto it = turns.rbegin(); it != turns.rend(); ++it) {
    std::move(it->begin(), it->end(), std::back_inserter(out));
  }
  if (out.size() > wanted) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(wanted));
  return out;
}

result<json> export_user(Database& db, const std::string& user_id) {
  Transaction txn(db, Transaction::Kind::kRead);
  if (auto ec = txn.begin_error()) return fail(ec);
  auto user = export_user_row(db, user_id);
  if (!user) return fail(user.error());
  auto stmt = query(db, kConversation, user_id);
  if (!stmt) return fail(stmt.error());
  json conversation;
  {
    StatementScope scope(**stmt);
    auto row = scope->step();
    if (!row) return fail(row.error());
    if (!*row) return fail(errc::storage_error);  // every user has one
    auto state =
        scope->is_null(2) ? result<json>(json(nullptr)) : parse_json_column(scope->column_text(2));
    if (!state) return fail(state.error());
    conversation = {{"turns", scope->column_int(0)},
                    {"tier", nullable_text(*scope, 1)},
                    {"state", std::move(*state)},
                    {"updated_at", iso8601_utc(scope->column_int(3))}};
  }
  auto turns = export_turns(db, user_id);
  if (!turns) return fail(turns.error());
  auto flags = export_flags(db, user_id);
  if (!flags) return fail(flags.error());
  auto exercises = export_exercises(db, user_id);
  if (!exercises) return fail(exercises.error());
  auto reminder = export_reminder(db, user_id);
  if (!reminder) return fail(reminder.error());
  auto journal = export_journal(db, user_id);
  if (!journal) return fail(journal.error());
  auto subscriptions = export_subscriptions(db, user_id);
  if (!subscriptions) return fail(subscriptions.error());
  auto identities = export_identities(db, user_id);
  if (!identities) return fail(identities.error());
  return json{{"user", std::move(*user)},
              {"conversation", std::move(conversation)},
              {"turns", std::move(*turns)},
              {"flags_raised", std::move(*flags)},
              {"exercises_recommended", std::move(*exercises)},
              {"reminder", std::move(*reminder)},
              {"journal", std::move(*journal)},
              {"push_subscriptions", std::move(*subscriptions)},
              {"identities", std::move(*identities)}};
}

result<Stats> stats(Database& db) {
  Transaction txn(db, Transaction::Kind::kRead);
  if (auto ec = txn.begin_error()) return fail(ec);
  Stats s;
  auto users = count(db, kCountUsers);
  if (!users) return fail(users.error());
  auto turns = count(db, kCountTurns);
  if (!turns) return fail(turns.error());
  s.users = *users;
  s.turns = *turns;
  Statement* stmt = db.cached(kFlagsByTier);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    s.flags_by_tier.emplace_back(stmt->column_text(0), stmt->column_int(1));
  }
  return s;
}

}  // namespace backcoach::store::sql
