#include "store/sql_telegram.h"

#include "common/sha256.h"
#include "store/fail.h"
#include "store/json_column.h"
#include "store/sql_writes.h"  // run()

namespace backcoach::store::sql {
namespace {

// Telegram sends an update again for at most 24 hours; a week is a wide margin.
constexpr std::int64_t kRememberHandledMs = 7LL * 24 * 3600 * 1000;

constexpr char kInsertUpdate[] =
    "INSERT OR IGNORE INTO telegram_updates (bot_id, update_id, body, received_at_ms)"
    " VALUES (?1, ?2, ?3, ?4)";
constexpr char kPending[] =
    "SELECT update_id, body FROM telegram_updates"
    " WHERE bot_id = ?1 AND handled_at_ms IS NULL ORDER BY update_id";
constexpr char kMarkHandled[] =
    "UPDATE telegram_updates SET handled_at_ms = ?3, body = NULL"
    " WHERE bot_id = ?1 AND update_id = ?2";
constexpr char kForgetHandled[] =
    "DELETE FROM telegram_updates WHERE bot_id = ?1 AND handled_at_ms < ?2";
constexpr char kSetOffset[] =
    "INSERT INTO telegram_polling (bot_id, next_offset) VALUES (?1, ?2)"
    " ON CONFLICT (bot_id) DO UPDATE SET next_offset = max(next_offset, excluded.next_offset)";
constexpr char kOffset[] = "SELECT next_offset FROM telegram_polling WHERE bot_id = ?1";
constexpr char kPhoto[] =
    "SELECT file_id FROM telegram_photos"
    " WHERE bot_id = ?1 AND exercise_id = ?2 AND png_sha256 = ?3";
constexpr char kSavePhoto[] =
    "INSERT INTO telegram_photos (bot_id, exercise_id, png_sha256, file_id, created_at_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET file_id = excluded.file_id,"
    " created_at_ms = excluded.created_at_ms";
constexpr char kForgetPhoto[] =
    "DELETE FROM telegram_photos WHERE bot_id = ?1 AND exercise_id = ?2 AND png_sha256 = ?3";
constexpr char kMarkStopped[] =
    "INSERT INTO telegram_chats (external_id, stopped_at_ms) VALUES (?1, ?2)"
    " ON CONFLICT DO UPDATE SET stopped_at_ms = excluded.stopped_at_ms";
constexpr char kMarkBlocked[] =
    "INSERT INTO telegram_chats (external_id, blocked_at_ms) VALUES (?1, ?2)"
    " ON CONFLICT DO UPDATE SET blocked_at_ms = excluded.blocked_at_ms";
constexpr char kChat[] =
    "SELECT stopped_at_ms IS NOT NULL, blocked_at_ms IS NOT NULL FROM telegram_chats"
    " WHERE channel = 'telegram' AND external_id = ?1";
constexpr char kBlocked[] =
    "SELECT external_id FROM telegram_chats WHERE blocked_at_ms IS NOT NULL";
constexpr char kForgetExpiredCodes[] = "DELETE FROM link_codes WHERE expires_at_ms <= ?1";
constexpr char kInsertCode[] =
    "INSERT INTO link_codes (code_sha256, user_id, expires_at_ms, created_at_ms)"
    " VALUES (?1, ?2, ?3, ?4)";
constexpr char kFindCode[] =
    "SELECT user_id FROM link_codes WHERE code_sha256 = ?1 AND expires_at_ms > ?2";
constexpr char kDeleteCode[] = "DELETE FROM link_codes WHERE code_sha256 = ?1";
constexpr char kMoveIdentity[] =
    "UPDATE identities SET user_id = ?3, created_at_ms = ?4 WHERE channel = ?1 AND external_id = "
    "?2";

void bind_photo(Statement& stmt, const PhotoKey& key) {
  stmt.bind(1, key.bot_id);
  stmt.bind(2, key.exercise_id);
  stmt.bind(3, key.png_sha256);
}

}  // namespace

result<bool> insert_update(Database& db, const std::string& bot_id, const TelegramUpdate& update,
                           std::int64_t now_ms) {
  Statement* stmt = db.cached(kInsertUpdate);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, bot_id);
  stmt->bind(2, update.update_id);
  stmt->bind(3, json_text(update.body));
  stmt->bind(4, now_ms);
  if (auto ec = run(*stmt)) return fail(ec);
  return db.changes() == 1;
}

result<std::vector<TelegramUpdate>> pending_updates(Database& db, const std::string& bot_id) {
  Statement* stmt = db.cached(kPending);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, bot_id);
  std::vector<TelegramUpdate> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    auto body = parse_json_column(stmt->column_text(1));
    if (!body) return fail(body.error());
    out.push_back({stmt->column_int(0), std::move(*body)});
  }
}

boost::system::error_code mark_handled(Database& db, const std::string& bot_id,
                                       std::int64_t update_id, std::int64_t now_ms) {
  Statement* mark = db.cached(kMarkHandled);
  Statement* forget = db.cached(kForgetHandled);
  if (mark == nullptr || forget == nullptr) return errc::storage_error;
  {
    StatementScope scope(*mark);
    mark->bind(1, bot_id);
    mark->bind(2, update_id);
    mark->bind(3, now_ms);
    if (auto ec = run(*mark)) return ec;
  }
  StatementScope scope(*forget);
  forget->bind(1, bot_id);
  forget->bind(2, now_ms - kRememberHandledMs);
  return run(*forget);
}

boost::system::error_code set_polling_offset(Database& db, const std::string& bot_id,
                                             std::int64_t next_offset) {
  Statement* stmt = db.cached(kSetOffset);
  if (stmt == nullptr) return errc::storage_error;
  StatementScope scope(*stmt);
  stmt->bind(1, bot_id);
  stmt->bind(2, next_offset);
  return run(*stmt);
}

result<std::int64_t> polling_offset(Database& db, const std::string& bot_id) {
  Statement* stmt = db.cached(kOffset);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, bot_id);
  auto row = stmt->step();
  if (!row) return fail(row.error());
  return *row ? stmt->column_int(0) : std::int64_t{0};
}

result<std::optional<std::string>> photo_file_id(Database& db, const PhotoKey& key) {
  Statement* stmt = db.cached(kPhoto);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  bind_photo(*stmt, key);
  auto row = stmt->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->column_text(0));
}

boost::system::error_code save_photo_file_id(Database& db, const PhotoKey& key,
                                             const std::string& file_id, std::int64_t now_ms) {
  Statement* stmt = db.cached(kSavePhoto);
  if (stmt == nullptr) return errc::storage_error;
  StatementScope scope(*stmt);
  bind_photo(*stmt, key);
  stmt->bind(4, file_id);
  stmt->bind(5, now_ms);
  return run(*stmt);
}

boost::system::error_code forget_photo_file_id(Database& db, const PhotoKey& key) {
  Statement* stmt = db.cached(kForgetPhoto);
  if (stmt == nullptr) return errc::storage_error;
  StatementScope scope(*stmt);
  bind_photo(*stmt, key);
  return run(*stmt);
}

boost::system::error_code mark_chat(Database& db, std::int64_t chat_id, ChatMark mark, bool on,
                                    std::int64_t now_ms) {
  Statement* stmt = db.cached(mark == ChatMark::stopped ? kMarkStopped : kMarkBlocked);
  if (stmt == nullptr) return errc::storage_error;
  StatementScope scope(*stmt);
  stmt->bind(1, std::to_string(chat_id));
  if (on) {
    stmt->bind(2, now_ms);
  } else {
    stmt->bind_null(2);
  }
  return run(*stmt);
}

result<TelegramChat> chat(Database& db, std::int64_t chat_id) {
  Statement* stmt = db.cached(kChat);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, std::to_string(chat_id));
  auto row = stmt->step();
  if (!row) return fail(row.error());
  if (!*row) return TelegramChat{};
  return TelegramChat{stmt->column_int(0) != 0, stmt->column_int(1) != 0};
}

result<std::vector<std::int64_t>> blocked_chats(Database& db) {
  Statement* stmt = db.cached(kBlocked);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  std::vector<std::int64_t> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    try {
      out.push_back(std::stoll(stmt->column_text(0)));
    } catch (const std::exception&) {
      return fail(errc::storage_error);  // written by us as a number: damaged outside
    }
  }
}

boost::system::error_code insert_link_code(Database& db, const std::string& code,
                                           const std::string& user_id, std::int64_t expires_at_ms,
                                           std::int64_t now_ms) {
  Statement* forget = db.cached(kForgetExpiredCodes);
  Statement* insert = db.cached(kInsertCode);
  if (forget == nullptr || insert == nullptr) return errc::storage_error;
  {
    StatementScope scope(*forget);
    forget->bind(1, now_ms);
    if (auto ec = run(*forget)) return ec;
  }
  StatementScope scope(*insert);
  insert->bind(1, sha256_hex(code));
  insert->bind(2, user_id);
  insert->bind(3, expires_at_ms);
  insert->bind(4, now_ms);
  return run(*insert);
}

result<std::string> take_link_code(Database& db, const std::string& code, std::int64_t now_ms) {
  Statement* find = db.cached(kFindCode);
  Statement* remove = db.cached(kDeleteCode);
  if (find == nullptr || remove == nullptr) return fail(errc::storage_error);
  const std::string hash = sha256_hex(code);
  std::string user_id;
  {
    StatementScope scope(*find);
    find->bind(1, hash);
    find->bind(2, now_ms);
    auto row = find->step();
    if (!row) return fail(row.error());
    if (!*row) return fail(errc::not_found);
    user_id = find->column_text(0);
  }
  StatementScope scope(*remove);
  remove->bind(1, hash);
  if (auto ec = run(*remove)) return fail(ec);
  return user_id;
}

boost::system::error_code move_identity(Database& db, const Identity& identity,
                                        const std::string& user_id, std::int64_t now_ms) {
  Statement* stmt = db.cached(kMoveIdentity);
  if (stmt == nullptr) return errc::storage_error;
  StatementScope scope(*stmt);
  stmt->bind(1, identity.channel);
  stmt->bind(2, identity.external_id);
  stmt->bind(3, user_id);
  stmt->bind(4, now_ms);
  return run(*stmt);
}

}  // namespace backcoach::store::sql
