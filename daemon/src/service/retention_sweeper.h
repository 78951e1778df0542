#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "common/errc.h"
#include "service/event_log.h"
#include "service/metrics.h"
#include "store/conversation_log.h"

namespace backcoach::service {

// Retention (--retention-days): erases, as erase does, every conversation idle
// for longer than `days` days, at start and then once every `period`.
//
// Threads: the timer waits on `timers` (an I/O executor; its handler only posts);
// each sweep runs on `blocking`, where it waits for the store's writer thread to
// delete and commit, one transaction of `users_per_batch` people at a time, so
// turns keep committing in between. Never touches disk on the timer's thread.
// Each sweep counts into `deleted` and logs `retention_swept` with the count only.
//
// Lifetime: the store, counter and log must outlive the sweeper. Call stop()
// before the `blocking` pool is joined (a sweep in progress still needs the
// sweeper) and destroy the sweeper before the `timers` io_context. After stop(),
// handlers still queued on either executor do nothing.
class RetentionSweeper {
 public:
  // Milliseconds since the Unix epoch (UTC); injected so tests control time.
  using Clock = std::function<std::int64_t()>;
  struct Options {
    int days = 0;  // 0: keep forever; sweeps then erase nothing
    std::chrono::milliseconds period = std::chrono::hours(24);
    std::int64_t users_per_batch = 256;
  };

  RetentionSweeper(boost::asio::any_io_executor timers, boost::asio::any_io_executor blocking,
                   store::ConversationLog& store, Clock clock, Counter& deleted,
                   const EventLog& log, Options options);
  RetentionSweeper(const RetentionSweeper&) = delete;
  RetentionSweeper& operator=(const RetentionSweeper&) = delete;

  // The first sweep at once (on `blocking`), then one every period.
  void start();
  // No new sweep starts; one in progress ends after its current transaction.
  // Call from the thread that runs `timers`, or once it runs no more.
  void stop();

  // One sweep on the calling thread (not an I/O thread): erases every
  // conversation last active more than `days` days before clock(). How many.
  result<std::int64_t> sweep_now();

  // Conversations last active before this instant are erased by a sweep at `now_ms`.
  static std::int64_t cutoff_ms(std::int64_t now_ms, int days);

 private:
  void arm(std::chrono::milliseconds delay);
  void run_and_rearm();

  boost::asio::any_io_executor blocking_;
  store::ConversationLog& store_;
  Clock clock_;
  Counter& deleted_;
  const EventLog& log_;
  const Options options_;
  boost::asio::steady_timer timer_;
  // Shared with queued handlers, which may run after the sweeper is gone.
  std::shared_ptr<std::atomic<bool>> stopping_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace backcoach::service
