#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"

namespace backcoach::store {

// An update from Telegram as the channel keeps it until it is handled: its
// update_id and its JSON (only the fields the channel reads; it holds text: never
// log it).
struct TelegramUpdate {
  std::int64_t update_id = 0;
  nlohmann::json body;
};

// Which uploaded picture a file_id shows: Telegram's file_ids belong to one bot,
// and a new build may draw the exercise anew.
struct PhotoKey {
  std::string bot_id;  // the number before ':' in the bot's token
  std::string exercise_id;
  std::string png_sha256;  // hex digest of the bytes uploaded
};

// What the channel knows about one chat beyond the person behind it.
struct TelegramChat {
  bool stopped = false;  // the person sent /stop: no reminders (coaching reads this)
  bool blocked = false;  // Telegram answered 403: the person blocked the bot
};

// What the Telegram channel keeps between restarts (docs/store.md, migration 5):
// the updates received and whether each was handled (so a repeat is dropped and
// nothing received is lost), the polling offset, the file_ids of pictures already
// uploaded, and per-chat /stop and blocked marks. Updates and offsets are per bot
// (update_ids are). A chat's marks go with its identity ("telegram", chat id):
// erasing the person erases them.
//
// Thread-safety: every method from any thread; none from an I/O thread (they touch
// the disk) or from a CommitHandler (writes wait for the writer thread).
class TelegramState {
 public:
  virtual ~TelegramState() = default;

  // Records `updates` as received (unhandled), and `next_offset` as the bot's polling
  // offset when given, in one transaction. Returns the updates never received before,
  // in the order given: one received before (handled or not) is left out.
  virtual result<std::vector<TelegramUpdate>> receive_updates(
      const std::string& bot_id, const std::vector<TelegramUpdate>& updates,
      std::optional<std::int64_t> next_offset, std::int64_t now_ms) = 0;

  // Updates received and not yet handled, oldest update_id first (after a restart,
  // what was received before the crash).
  virtual result<std::vector<TelegramUpdate>> pending_updates(const std::string& bot_id) = 0;

  // Marks the update handled and forgets its body. Handled updates older than a week
  // are forgotten (Telegram sends an update again for at most a day).
  virtual result<void> mark_handled(const std::string& bot_id, std::int64_t update_id,
                                    std::int64_t now_ms) = 0;

  // The offset to poll from: 0 when the bot never polled here.
  virtual result<std::int64_t> polling_offset(const std::string& bot_id) = 0;

  virtual result<std::optional<std::string>> photo_file_id(const PhotoKey& key) = 0;
  // Keeps (or replaces) the file_id Telegram gave for the picture.
  virtual result<void> save_photo_file_id(const PhotoKey& key, const std::string& file_id,
                                          std::int64_t now_ms) = 0;
  // Forgets a file_id Telegram no longer accepts.
  virtual result<void> forget_photo_file_id(const PhotoKey& key) = 0;

  // Marks a chat whose identity ("telegram", chat id) exists; errc::not_found when it
  // does not (the person was erased meanwhile).
  virtual result<void> set_chat_stopped(std::int64_t chat_id, bool stopped,
                                        std::int64_t now_ms) = 0;
  virtual result<void> set_chat_blocked(std::int64_t chat_id, bool blocked,
                                        std::int64_t now_ms) = 0;
  // A chat never marked has neither mark.
  virtual result<TelegramChat> chat(std::int64_t chat_id) = 0;
  // Every chat marked blocked, for the deliverer to load at start.
  virtual result<std::vector<std::int64_t>> blocked_chats() = 0;
};

}  // namespace backcoach::store
