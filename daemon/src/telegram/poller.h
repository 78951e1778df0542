#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "service/event_log.h"
#include "store/telegram_state.h"
#include "telegram/bot_api.h"
#include "telegram/update_counters.h"
#include "telegram/update_queue.h"

namespace backcoach::telegram {

// Receives updates by long polling (getUpdates), for a daemon with no public address.
// Each batch is recorded in TelegramState together with the next offset, in one
// transaction, before the next poll confirms it to Telegram; only then does it go to the
// queue. So a crash at any point loses nothing (what was recorded and not handled is
// handled after the restart; what was not recorded is sent again by Telegram, the offset
// not having moved) and repeats nothing (an update recorded before is dropped). A failed
// poll is tried again after a pause that doubles up to a minute (Telegram's retry_after
// when it gives one); 409 means a webhook is set (see Channel: polling deletes it).
// Thread-safety: start() and stop() from any thread, once each. Must outlive the
// io_context's and the pool's work for it.
class Poller {
 public:
  using Clock = std::function<std::int64_t()>;  // ms since the epoch
  struct Options {
    std::chrono::seconds timeout{25};  // how long Telegram may hold one getUpdates
    std::chrono::milliseconds first_pause{1000};
    std::chrono::milliseconds longest_pause{60000};
  };
  struct Deps {
    BotApi& api;
    store::TelegramState& state;
    UpdateQueue& queue;
    boost::asio::any_io_executor io;
    boost::asio::any_io_executor blocking;
    Clock clock;
    const service::EventLog& log;
    UpdateCounters& counters;
  };

  Poller(Deps deps, Options options);

  // Queues what was received before a restart and not handled, then polls from the offset
  // kept for this bot.
  void start();
  // Polls no more; the call in flight ends within its timeout and is ignored.
  void stop();

 private:
  void resume();
  void poll();
  void on_answer(Answer<std::vector<Update>> answer);
  void record(std::vector<Update> updates);
  // Runs `then` after a pause that grows with each failure in a row.
  void pause(std::optional<std::chrono::seconds> at_least, std::function<void()> then);

  Deps d_;
  Options options_;
  std::string bot_id_;
  std::atomic<bool> stopped_{false};
  std::int64_t offset_ = 0;  // only the one call in flight touches it
  int failures_ = 0;
  boost::asio::steady_timer timer_;
};

}  // namespace backcoach::telegram
