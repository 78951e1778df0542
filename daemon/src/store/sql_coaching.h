#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/reminders.h"
#include "store/sqlite_db.h"

// The statements of the reminders and journal tables (migration 6). Writes run
// inside the caller's transaction (the writer's batch); reads on a read connection.
// Thread-safety: as the connection, one thread at a time.
namespace backcoach::store::sql {

boost::system::error_code upsert_reminder(Database& db, const Reminder& r, std::int64_t now_ms);
result<bool> delete_reminder(Database& db, const std::string& user_id);
result<std::optional<Reminder>> find_reminder(Database& db, const std::string& user_id);
result<std::vector<DueReminder>> due_reminders(Database& db, std::int64_t now_ms, int limit);
// False (nothing changed) when the reminder is no longer due at claim.due_ms.
result<bool> apply_claim(Database& db, const ReminderClaim& claim, std::int64_t now_ms);

boost::system::error_code apply_journal(Database& db, const std::string& user_id,
                                        const JournalChange& change, std::int64_t now_ms);
result<std::vector<JournalEntry>> journal(Database& db, const std::string& user_id, int limit);

// A turn's coaching writes, in its savepoint: errc::duplicate when its claim is lost.
boost::system::error_code apply_coaching(Database& db, const std::string& user_id,
                                         const CoachingWrites& writes, std::int64_t now_ms);

// The export's "reminder" (null when none) and "journal" (every entry) members.
result<nlohmann::json> export_reminder(Database& db, const std::string& user_id);
result<nlohmann::json> export_journal(Database& db, const std::string& user_id);

}  // namespace backcoach::store::sql
