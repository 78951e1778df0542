#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

#include "common/errc.h"
#include "service/event_log.h"
#include "store/telegram_state.h"

namespace backcoach::telegram {

// The chats whose person blocked the bot (Telegram answered 403): nothing more is sent to
// them, so a queue of messages to a blocked chat costs no call each. A message from the
// chat means they unblocked it. Kept in TelegramState (chats' blocked mark), so it
// outlives a restart, and in memory, so the deliverer asks without touching the disk.
// Thread-safety: every method from any thread; store writes run on `blocking`.
class BlockedChats {
 public:
  using Clock = std::function<std::int64_t()>;  // ms since the epoch

  // Reads the chats marked blocked: call at start, off the I/O threads.
  static result<std::unique_ptr<BlockedChats>> load(store::TelegramState& state,
                                                    boost::asio::any_io_executor blocking,
                                                    Clock clock, const service::EventLog& log);

  bool blocked(std::int64_t chat_id) const;
  void block(std::int64_t chat_id);
  void unblock(std::int64_t chat_id);  // nothing to do when it was not blocked

 private:
  BlockedChats(store::TelegramState& state, boost::asio::any_io_executor blocking, Clock clock,
               const service::EventLog& log)
      : state_(state), blocking_(std::move(blocking)), clock_(std::move(clock)), log_(log) {}
  void save(std::int64_t chat_id, bool blocked);

  store::TelegramState& state_;
  boost::asio::any_io_executor blocking_;
  Clock clock_;
  const service::EventLog& log_;
  mutable std::mutex mu_;
  std::set<std::int64_t> chats_;  // guarded by mu_
};

}  // namespace backcoach::telegram
