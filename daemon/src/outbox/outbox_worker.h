#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "outbox/deliverer.h"
#include "outbox/retry_policy.h"
#include "service/daemon_metrics.h"
#include "service/event_log.h"
#include "store/outbox.h"

namespace backcoach::outbox {

// Sends what the outbox holds. Each poll asks the store for the messages due (the
// oldest of each destination) and hands each to the Deliverer of its channel; at
// most `concurrency` sends run at once, and never two of one destination, so each
// chat gets its messages in commit order. A send that fails is tried again after an
// exponential backoff with jitter (at least the receiver's retry_after), until the
// message is older than the policy's bound; then, or when the receiver refuses it
// for good, the message is dropped, counted (backcoach_outbox_failed_total) and
// logged as `outbox_gave_up` with its id, channel and reason — never its text,
// payload or destination.
//
// Polls run at start, every `poll_interval`, when a retry falls due, after each
// send, and on wake() (the store calls it when a commit queued messages).
//
// Delivery is at-least-once: a message is removed only after its send succeeded,
// so a crash (or a failed mark) between the two sends it again after a restart.
//
// Threads: store calls and bookkeeping run on `blocking`; the timer on a strand of
// `timers` (an I/O executor; its handler only posts); deliverers call back on any
// thread. Lifetime: the outbox, metrics, log and deliverers must outlive the
// worker, and the worker must outlive every send it started (the app destroys it
// after the io_context whose handlers complete sends, and after `blocking` is
// joined).
class OutboxWorker {
 public:
  // Milliseconds since the Unix epoch (UTC); injected so tests control time.
  using Clock = std::function<std::int64_t()>;
  // Uniform in [0, 1): the jitter; injected so tests can fix it.
  using Random = std::function<double()>;
  struct Options {
    RetryPolicy retry;
    std::size_t concurrency = 8;  // sends in flight at once, all destinations together
    std::chrono::milliseconds poll_interval{1000};
  };
  struct Deps {
    store::Outbox& outbox;
    service::DaemonMetrics& metrics;
    const service::EventLog& log;
  };

  OutboxWorker(boost::asio::any_io_executor timers, boost::asio::any_io_executor blocking,
               Deps deps, Clock clock, Random random, Options options);
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Sends messages whose channel is `channel`, or whose channel starts with
  // `channel` + ':' ("bot" takes "bot:kiosk"); an exact match wins. A message whose
  // channel has no deliverer waits and is retried like a failed send (a channel
  // configured again is served), until the bound. Before start() only.
  void add_deliverer(const std::string& channel, Deliverer& deliverer);

  // The first poll at once, then the timer.
  void start();
  // A poll soon; any thread, cheap, coalesced.
  void wake();
  // No send starts once this has returned; sends in flight finish and are recorded
  // (or, if the store is gone by then, are sent again after a restart). Call from
  // the thread that runs `timers`, or once it runs no more.
  void stop();

  // Sends in flight now.
  std::size_t in_flight() const;

 private:
  void request_poll();
  void run_poll();
  void dispatch(const store::QueuedMessage& message);
  void complete(const store::QueuedMessage& message, const Delivery& delivery);
  void retry_later(const store::QueuedMessage& message, const Delivery& delivery);
  void drop(const store::QueuedMessage& message, const std::string& why, const std::string& reason);
  void report_depth(std::int64_t now_ms);
  Deliverer* find(const std::string& channel) const;
  // Arms the timer to fire within `delay` (sooner than it would, never later).
  void arm_within(std::chrono::milliseconds delay);

  boost::asio::any_io_executor blocking_;
  Deps deps_;
  Clock clock_;
  Random random_;
  const Options options_;
  std::map<std::string, Deliverer*> deliverers_;  // fixed once started

  boost::asio::strand<boost::asio::any_io_executor> timer_strand_;
  boost::asio::steady_timer timer_;  // on timer_strand_ only

  std::mutex send_gate_;  // held while a send starts, so that none starts after stop()
  mutable std::mutex mu_;
  std::set<std::string> busy_destinations_;    // channel + '\n' + destination, in flight
  std::set<std::int64_t> settled_since_poll_;  // completions a running poll may not see
  bool polling_ = false;
  bool poll_again_ = false;
  // Shared with handlers queued on the executors, which may run once stop()ed.
  std::shared_ptr<std::atomic<bool>> stopped_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace backcoach::outbox
