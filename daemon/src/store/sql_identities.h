#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/identities.h"
#include "store/sqlite_db.h"

// The statements of the identities table (migration 3). Each runs inside the
// caller's transaction. Thread-safety: as the connection, one thread at a time.
namespace backcoach::store::sql {

result<std::optional<std::string>> find_identity(Database& db, const Identity& identity);

// Inserts the identity for an existing user. errc::duplicate when it is taken.
boost::system::error_code insert_identity(Database& db, const Identity& identity,
                                          const std::string& user_id, std::int64_t now_ms);

result<std::vector<Identity>> identities_of(Database& db, const std::string& user_id);

// The export's "identities": [{"channel", "kind", "external_id", "linked_at"}, …] in the
// order they were made. `kind` says what the external id is ("telegram_chat_id",
// "bot_user_id" with the bot's id as "bot"); `linked_at` is when it became this person's.
result<nlohmann::json> export_identities(Database& db, const std::string& user_id);

}  // namespace backcoach::store::sql
