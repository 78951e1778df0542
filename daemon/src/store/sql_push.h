#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/push_subscriptions.h"
#include "store/sqlite_db.h"

// The statements of the push_subscriptions table (migration 7). Writes run inside
// the caller's transaction (the writer's batch); reads on a read connection.
// Thread-safety: as the connection, one thread at a time.
namespace backcoach::store::sql {

boost::system::error_code upsert_subscription(Database& db, const PushSubscription& s,
                                              std::int64_t now_ms);
result<std::vector<PushSubscription>> subscriptions_of(Database& db, const std::string& user_id);
result<std::optional<PushSubscription>> find_subscription(Database& db,
                                                          const std::string& endpoint);
result<int> delete_subscriptions(Database& db, const std::string& user_id,
                                 const std::string& endpoint);

// The export's "push_subscriptions": each endpoint and when it was registered, not
// its keys (the auth secret is the browser's, not part of the person's record).
result<nlohmann::json> export_subscriptions(Database& db, const std::string& user_id);

}  // namespace backcoach::store::sql
