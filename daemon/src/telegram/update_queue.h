#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "service/event_log.h"
#include "store/telegram_state.h"
#include "telegram/update_counters.h"
#include "telegram/update_handler.h"

namespace backcoach::telegram {

// Between receiving updates (the poller, the webhook: both record them in TelegramState
// first) and handling them: one chat's updates go to the handler in the order given and
// one at a time, different chats' side by side. Each is marked handled in the store once
// the handler is done with it, so after a crash only those not yet done are handled
// again (TelegramState::pending_updates). One the handler could not take (the store
// refused) is tried again after a pause, the chat's later updates waiting behind it; after
// `max_attempts` it is dropped with an error log (no text).
// Thread-safety: push() and stop() from any thread. Handler callbacks may arrive on any
// thread; timers run on `io`. Must outlive the io_context's and the pool's work for it.
class UpdateQueue {
 public:
  using Clock = std::function<std::int64_t()>;  // ms since the epoch
  struct Options {
    int max_attempts = 10;
    std::chrono::milliseconds retry_pause{std::chrono::seconds(2)};  // times the attempt
  };
  struct Deps {
    UpdateHandler& handler;
    store::TelegramState& state;
    std::string bot_id;
    boost::asio::any_io_executor io;
    boost::asio::any_io_executor blocking;
    Clock clock;
    const service::EventLog& log;
    UpdateCounters& counters;
  };

  UpdateQueue(Deps deps, Options options) : d_(std::move(deps)), options_(options) {}

  // Updates as TelegramState keeps them, oldest first.
  void push(const std::vector<store::TelegramUpdate>& updates);
  // Starts nothing more; what is in progress finishes.
  void stop();
  // Updates taken and not yet handled.
  std::size_t waiting() const;

 private:
  struct Item {
    std::int64_t update_id = 0;
    Update update;
    int attempts = 0;
  };

  void start(std::int64_t chat);
  void finished(std::int64_t chat, bool handled);
  void mark_handled(std::int64_t update_id, std::function<void()> then);
  void next(std::int64_t chat);

  Deps d_;
  Options options_;
  mutable std::mutex mu_;
  std::map<std::int64_t, std::deque<Item>> chats_;  // guarded by mu_; front: in progress
  bool stopped_ = false;                            // guarded by mu_
};

}  // namespace backcoach::telegram
