// SqliteStore's LinkCodes and TelegramState (migration 5); the rest is sqlite_store.cpp.
#include "store/sql_identities.h"
#include "store/sql_telegram.h"
#include "store/sqlite_store.h"
#include "store/sqlite_store_ops.h"

namespace backcoach::store {

result<void> SqliteStore::add_link_code(const std::string& code, const std::string& user_id,
                                        std::int64_t expires_at_ms, std::int64_t now_ms) {
  return write_void([&](Database& db) {
    return sql::insert_link_code(db, code, user_id, expires_at_ms, now_ms);
  });
}

result<std::string> SqliteStore::redeem_link_code(const std::string& code, const Identity& identity,
                                                  std::int64_t now_ms) {
  return write_and_wait<std::string>([&](Database& db) -> result<std::string> {
    auto user = sql::take_link_code(db, code, now_ms);
    if (!user) return user;
    auto holder = sql::find_identity(db, identity);
    if (!holder) return fail(holder.error());
    if (!*holder) {
      if (auto ec = sql::insert_identity(db, identity, *user, now_ms)) return fail(ec);
    } else if (**holder != *user) {
      if (auto ec = sql::move_identity(db, identity, *user, now_ms)) return fail(ec);
    }
    return user;
  });
}

result<std::vector<TelegramUpdate>> SqliteStore::receive_updates(
    const std::string& bot_id, const std::vector<TelegramUpdate>& updates,
    std::optional<std::int64_t> next_offset, std::int64_t now_ms) {
  using Updates = std::vector<TelegramUpdate>;
  return write_and_wait<Updates>([&](Database& db) -> result<Updates> {
    Updates fresh;
    for (const auto& update : updates) {
      auto added = sql::insert_update(db, bot_id, update, now_ms);
      if (!added) return fail(added.error());
      if (*added) fresh.push_back(update);
    }
    if (next_offset) {
      if (auto ec = sql::set_polling_offset(db, bot_id, *next_offset)) return fail(ec);
    }
    return fresh;
  });
}

result<std::vector<TelegramUpdate>> SqliteStore::pending_updates(const std::string& bot_id) {
  return read([&](Database& db) { return sql::pending_updates(db, bot_id); });
}

result<void> SqliteStore::mark_handled(const std::string& bot_id, std::int64_t update_id,
                                       std::int64_t now_ms) {
  return write_void([&](Database& db) { return sql::mark_handled(db, bot_id, update_id, now_ms); });
}

result<std::int64_t> SqliteStore::polling_offset(const std::string& bot_id) {
  return read([&](Database& db) { return sql::polling_offset(db, bot_id); });
}

result<std::optional<std::string>> SqliteStore::photo_file_id(const PhotoKey& key) {
  return read([&](Database& db) { return sql::photo_file_id(db, key); });
}

result<void> SqliteStore::save_photo_file_id(const PhotoKey& key, const std::string& file_id,
                                             std::int64_t now_ms) {
  return write_void(
      [&](Database& db) { return sql::save_photo_file_id(db, key, file_id, now_ms); });
}

result<void> SqliteStore::forget_photo_file_id(const PhotoKey& key) {
  return write_void([&](Database& db) { return sql::forget_photo_file_id(db, key); });
}

result<void> SqliteStore::set_chat_stopped(std::int64_t chat_id, bool stopped,
                                           std::int64_t now_ms) {
  return write_void([&](Database& db) {
    return sql::mark_chat(db, chat_id, sql::ChatMark::stopped, stopped, now_ms);
  });
}

result<void> SqliteStore::set_chat_blocked(std::int64_t chat_id, bool blocked,
                                           std::int64_t now_ms) {
  return write_void([&](Database& db) {
    return sql::mark_chat(db, chat_id, sql::ChatMark::blocked, blocked, now_ms);
  });
}

result<TelegramChat> SqliteStore::chat(std::int64_t chat_id) {
  return read([&](Database& db) { return sql::chat(db, chat_id); });
}

result<std::vector<std::int64_t>> SqliteStore::blocked_chats() {
  return read([](Database& db) { return sql::blocked_chats(db); });
}

}  // namespace backcoach::store
