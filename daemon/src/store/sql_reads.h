#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/sqlite_db.h"
#include "store/store.h"

// The queries behind Store's read methods. Per-user queries fail with
// errc::not_found for a user that does not exist; a row that no longer parses
// fails with errc::storage_error. Multi-query reads take one read transaction so
// they see one snapshot. Thread-safety: as the connection, one thread at a time.
namespace backcoach::store::sql {

result<bool> user_exists(Database& db, const std::string& user_id);
result<Conversation> load_conversation(Database& db, const std::string& user_id);
result<std::optional<TurnRecord>> find_turn(Database& db, const std::string& user_id,
                                            const std::string& client_msg_id);
result<std::vector<HistoryMessage>> recent_messages(Database& db, const std::string& user_id,
                                                    int limit);
result<nlohmann::json> export_user(Database& db, const std::string& user_id);
result<Stats> stats(Database& db);

}  // namespace backcoach::store::sql
