#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/identities.h"
#include "store/sqlite_db.h"
#include "store/telegram_state.h"

// The statements of the Telegram channel's tables and the link codes (migration 5).
// Each runs inside the caller's transaction. Thread-safety: as the connection, one
// thread at a time.
namespace backcoach::store::sql {

// True when the update was new (and is now stored as pending).
result<bool> insert_update(Database& db, const std::string& bot_id, const TelegramUpdate& update,
                           std::int64_t now_ms);
result<std::vector<TelegramUpdate>> pending_updates(Database& db, const std::string& bot_id);
boost::system::error_code mark_handled(Database& db, const std::string& bot_id,
                                       std::int64_t update_id, std::int64_t now_ms);
// Moves the offset forward (never back).
boost::system::error_code set_polling_offset(Database& db, const std::string& bot_id,
                                             std::int64_t next_offset);
result<std::int64_t> polling_offset(Database& db, const std::string& bot_id);

result<std::optional<std::string>> photo_file_id(Database& db, const PhotoKey& key);
boost::system::error_code save_photo_file_id(Database& db, const PhotoKey& key,
                                             const std::string& file_id, std::int64_t now_ms);
boost::system::error_code forget_photo_file_id(Database& db, const PhotoKey& key);

enum class ChatMark { stopped, blocked };
// Sets (at `now_ms`) or clears the mark; errc::not_found when the chat has no identity.
boost::system::error_code mark_chat(Database& db, std::int64_t chat_id, ChatMark mark, bool on,
                                    std::int64_t now_ms);
result<TelegramChat> chat(Database& db, std::int64_t chat_id);
result<std::vector<std::int64_t>> blocked_chats(Database& db);

boost::system::error_code insert_link_code(Database& db, const std::string& code,
                                           const std::string& user_id, std::int64_t expires_at_ms,
                                           std::int64_t now_ms);
// The code's person, deleting the code; errc::not_found when unknown or expired.
result<std::string> take_link_code(Database& db, const std::string& code, std::int64_t now_ms);
// Points an existing identity at another person, linked to them now (its created_at_ms:
// the export's `linked_at`).
boost::system::error_code move_identity(Database& db, const Identity& identity,
                                        const std::string& user_id, std::int64_t now_ms);

}  // namespace backcoach::store::sql
