#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/outbox.h"
#include "store/sqlite_db.h"

// The statements of the outbox table (migration 4). Each runs inside the caller's
// transaction: inserts in the writer's batch (with a turn, or alone), reads on a
// read connection. Thread-safety: as the connection, one thread at a time.
namespace backcoach::store::sql {

// Queues the messages for an existing user, due at once. errc::not_found when
// there is no such user.
boost::system::error_code insert_outgoing(Database& db, const std::string& user_id,
                                          const std::vector<OutgoingMessage>& messages,
                                          std::int64_t now_ms);

// The oldest unsent message of each destination, when it is due at `now_ms`,
// oldest first, at most `limit`.
result<std::vector<QueuedMessage>> due_messages(Database& db, std::int64_t now_ms, int limit);

// Removes the message (sent or given up). No error when it is gone already.
boost::system::error_code delete_outgoing(Database& db, std::int64_t id);

// Counts an attempt and holds the message until `not_before_ms`.
boost::system::error_code reschedule_outgoing(Database& db, std::int64_t id,
                                              std::int64_t not_before_ms);

result<Outbox::Depth> outbox_depth(Database& db);

}  // namespace backcoach::store::sql
