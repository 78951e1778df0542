#pragma once

#include <cstdint>
#include <string>

#include "common/errc.h"
#include "store/sqlite_db.h"
#include "store/store.h"

// The statements that change the database. Each runs inside the caller's
// transaction (the writer thread's batch) and leaves the connection reusable.
// Thread-safety: as the connection, one thread at a time.
namespace backcoach::store::sql {

// Runs a statement whose binds are set, to completion, and resets it.
boost::system::error_code run(Statement& stmt);

// A user and their empty conversation. errc::duplicate when the id is taken.
boost::system::error_code insert_user(Database& db, const std::string& user_id,
                                      std::int64_t now_ms);

// The turn, the conversation it advances, the flags and exercises it raised, and
// the messages it owes a channel (TurnRecord::outgoing, queued in the outbox).
// errc::duplicate when (user_id, client_msg_id) was stored before; errc::not_found
// when the user does not exist. On error the caller rolls back to its savepoint.
boost::system::error_code insert_turn(Database& db, const TurnRecord& turn);

// Deletes the user; every other row of theirs goes with it (ON DELETE CASCADE).
// False when there was no such user.
result<bool> delete_user(Database& db, const std::string& user_id);

// Deletes, one by one with delete_user, up to `limit` users whose conversation was
// last updated before `before_ms`, longest idle first. Returns how many.
result<std::int64_t> delete_idle_users(Database& db, std::int64_t before_ms, std::int64_t limit);

}  // namespace backcoach::store::sql
