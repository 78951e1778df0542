#include "store/sql_push.h"

#include "store/fail.h"
#include "store/iso_time.h"
#include "store/sql_writes.h"

namespace backcoach::store::sql {
namespace {

// The endpoint is the key: a browser re-registering (for another person, or with
// new keys) replaces what it registered before.
constexpr char kUpsert[] =
    "INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (endpoint) DO UPDATE SET"
    " user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,"
    " created_at_ms = excluded.created_at_ms";
// Both queries list the columns in the order read_subscription() expects.
constexpr char kOfUser[] =
    "SELECT user_id, endpoint, p256dh, auth, created_at_ms FROM push_subscriptions"
    " WHERE user_id = ?1 ORDER BY created_at_ms, endpoint";
constexpr char kByEndpoint[] =
    "SELECT user_id, endpoint, p256dh, auth, created_at_ms FROM push_subscriptions"
    " WHERE endpoint = ?1";
constexpr char kDeleteOne[] = "DELETE FROM push_subscriptions WHERE user_id = ?1 AND endpoint = ?2";
constexpr char kDeleteAll[] = "DELETE FROM push_subscriptions WHERE user_id = ?1";

PushSubscription read_subscription(Statement& stmt) {
  return {stmt.column_text(0), stmt.column_text(1), stmt.column_text(2), stmt.column_text(3),
          stmt.column_int(4)};
}

result<std::vector<PushSubscription>> read_all(Statement& stmt) {
  std::vector<PushSubscription> out;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back(read_subscription(stmt));
  }
}

}  // namespace

boost::system::error_code upsert_subscription(Database& db, const PushSubscription& s,
                                              std::int64_t now_ms) {
  Statement* stmt = db.cached(kUpsert);
  if (stmt == nullptr) return errc::storage_error;
  stmt->bind(1, s.endpoint);
  stmt->bind(2, s.user_id);
  stmt->bind(3, s.p256dh);
  stmt->bind(4, s.auth);
  stmt->bind(5, now_ms);
  return run(*stmt);
}

result<std::vector<PushSubscription>> subscriptions_of(Database& db, const std::string& user_id) {
  Statement* stmt = db.cached(kOfUser);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, user_id);
  return read_all(*stmt);
}

result<std::optional<PushSubscription>> find_subscription(Database& db,
                                                          const std::string& endpoint) {
  Statement* stmt = db.cached(kByEndpoint);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, endpoint);
  auto all = read_all(*stmt);
  if (!all) return fail(all.error());
  if (all->empty()) return std::optional<PushSubscription>();
  return std::optional<PushSubscription>(std::move(all->front()));
}

result<int> delete_subscriptions(Database& db, const std::string& user_id,
                                 const std::string& endpoint) {
  Statement* stmt = db.cached(endpoint.empty() ? kDeleteAll : kDeleteOne);
  if (stmt == nullptr) return fail(errc::storage_error);
  stmt->bind(1, user_id);
  if (!endpoint.empty()) stmt->bind(2, endpoint);
  if (auto ec = run(*stmt)) return fail(ec);
  return static_cast<int>(db.changes());
}

result<nlohmann::json> export_subscriptions(Database& db, const std::string& user_id) {
  auto all = subscriptions_of(db, user_id);
  if (!all) return fail(all.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : *all) {
    out.push_back({{"endpoint", s.endpoint}, {"created_at", iso8601_utc(s.created_at_ms)}});
  }
  return out;
}

}  // namespace backcoach::store::sql
