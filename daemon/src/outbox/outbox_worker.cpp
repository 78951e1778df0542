#include "outbox/outbox_worker.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>
#include <vector>

namespace backcoach::outbox {
namespace {

std::string destination_key(const store::OutgoingMessage& m) {
  return m.channel + '\n' + m.destination;
}

}  // namespace

OutboxWorker::OutboxWorker(boost::asio::any_io_executor timers,
                           boost::asio::any_io_executor blocking, Deps deps, Clock clock,
                           Random random, Options options)
    : blocking_(std::move(blocking)),
      deps_(deps),
      clock_(std::move(clock)),
      random_(std::move(random)),
      options_(options),
      timer_strand_(boost::asio::make_strand(std::move(timers))),
      timer_(timer_strand_) {}

void OutboxWorker::add_deliverer(const std::string& channel, Deliverer& deliverer) {
  deliverers_[channel] = &deliverer;
}

Deliverer* OutboxWorker::find(const std::string& channel) const {
  auto it = deliverers_.find(channel);
  if (it == deliverers_.end()) it = deliverers_.find(channel.substr(0, channel.find(':')));
  return it == deliverers_.end() ? nullptr : it->second;
}

void OutboxWorker::start() {
  request_poll();
  boost::asio::post(timer_strand_, [this, stopped = stopped_] {
    if (!*stopped) arm_within(options_.poll_interval);
  });
}

void OutboxWorker::wake() { request_poll(); }

void OutboxWorker::stop() {
  *stopped_ = true;
  { std::lock_guard gate(send_gate_); }  // a send being started now has started
  timer_.cancel();
}

std::size_t OutboxWorker::in_flight() const {
  std::lock_guard lock(mu_);
  return busy_destinations_.size();
}

// On the timer's strand. A wait cancelled by a sooner one just ends; the timer
// always has exactly one wait pending until stop().
void OutboxWorker::arm_within(std::chrono::milliseconds delay) {
  const auto when = std::chrono::steady_clock::now() + delay;
  if (timer_.expiry() > std::chrono::steady_clock::now() && timer_.expiry() <= when) return;
  timer_.expires_at(when);
  timer_.async_wait([this, stopped = stopped_](boost::system::error_code ec) {
    if (ec || *stopped) return;
    request_poll();
    arm_within(options_.poll_interval);
  });
}

// One poll at a time: a request while one runs makes it run once more after.
void OutboxWorker::request_poll() {
  if (*stopped_) return;
  {
    std::lock_guard lock(mu_);
    if (polling_) {
      poll_again_ = true;
      return;
    }
    polling_ = true;
    settled_since_poll_.clear();
  }
  boost::asio::post(blocking_, [this, stopped = stopped_] {
    if (*stopped) {
      std::lock_guard lock(mu_);
      polling_ = false;
      return;
    }
    run_poll();
  });
}

// On `blocking`. What due() returns may already be stale for a message whose send
// completed while it read (settled_since_poll_): that one is left alone, so it is
// neither sent twice nor sent before its backoff.
void OutboxWorker::run_poll() {
  const std::int64_t now = clock_();
  // Those in flight are among the heads due() returns: ask for that many more.
  const int limit = static_cast<int>(options_.concurrency + in_flight());
  auto due = deps_.outbox.due(now, limit);
  if (!due) {
    deps_.log.error("store_failed",
                    {{"operation", "outbox_due"}, {"error", due.error().message()}});
  }
  report_depth(now);
  std::vector<store::QueuedMessage> starting;
  bool again = false;
  {
    std::lock_guard lock(mu_);
    for (auto& m : due ? std::move(*due) : std::vector<store::QueuedMessage>{}) {
      if (*stopped_ || busy_destinations_.size() >= options_.concurrency) break;
      if (settled_since_poll_.contains(m.id)) continue;
      if (!busy_destinations_.insert(destination_key(m.message)).second) continue;
      starting.push_back(std::move(m));
    }
    polling_ = false;
    again = std::exchange(poll_again_, false);
  }
  for (const auto& m : starting) dispatch(m);
  if (again) request_poll();
}

void OutboxWorker::report_depth(std::int64_t now_ms) {
  auto depth = deps_.outbox.depth();
  if (!depth) return;
  deps_.metrics.outbox_queue_depth().set(depth->queued);
  const std::int64_t oldest = depth->oldest_created_at_ms.value_or(now_ms);
  deps_.metrics.outbox_oldest_age_seconds().set(std::max<std::int64_t>(0, now_ms - oldest) / 1000);
}

void OutboxWorker::dispatch(const store::QueuedMessage& message) {
  Deliverer* deliverer = find(message.message.channel);
  if (deliverer == nullptr) {
    complete(message, Delivery::retry("no deliverer for this channel"));
    return;
  }
  std::unique_lock gate(send_gate_);
  if (*stopped_) {  // picked before stop(): left for the next run, untouched
    gate.unlock();
    std::lock_guard lock(mu_);
    busy_destinations_.erase(destination_key(message.message));
    return;
  }
  // `done` only posts, so a deliverer that answers at once never re-enters here.
  deliverer->deliver(message, [this, message](Delivery delivery) {
    boost::asio::post(blocking_, [this, message, delivery = std::move(delivery)] {
      complete(message, delivery);
    });
  });
}

// On `blocking`. The store learns the outcome before the destination is free, so
// the next poll sees its next message as the head of its queue.
void OutboxWorker::complete(const store::QueuedMessage& message, const Delivery& delivery) {
  const std::string& channel = message.message.channel;
  switch (delivery.outcome) {
    case Delivery::Outcome::sent: {
      auto marked = deps_.outbox.mark_sent(message.id);
      if (!marked) {
        deps_.log.error("store_failed",
                        {{"operation", "outbox_mark_sent"}, {"error", marked.error().message()}});
      }
      deps_.metrics.outbox_sent(channel).inc();
      break;
    }
    case Delivery::Outcome::gone:
      drop(message, "refused", delivery.reason);
      break;
    case Delivery::Outcome::retry:
      retry_later(message, delivery);
      break;
  }
  {
    std::lock_guard lock(mu_);
    busy_destinations_.erase(destination_key(message.message));
    settled_since_poll_.insert(message.id);
  }
  request_poll();
}

void OutboxWorker::retry_later(const store::QueuedMessage& message, const Delivery& delivery) {
  const std::int64_t now = clock_();
  if (now - message.created_at_ms >= options_.retry.give_up_after.count()) {
    drop(message, "too old", delivery.reason);
    return;
  }
  const int failures = message.attempts + 1;
  double r = 0;
  {
    std::lock_guard lock(mu_);  // the random source need not be thread-safe
    r = random_();
  }
  auto wait = backoff(options_.retry, failures, r);
  if (delivery.retry_after) {
    wait = std::max<std::chrono::milliseconds>(wait, *delivery.retry_after);
  }
  auto held = deps_.outbox.reschedule(message.id, now + wait.count());
  if (!held) {
    deps_.log.error("store_failed",
                    {{"operation", "outbox_reschedule"}, {"error", held.error().message()}});
  }
  deps_.metrics.outbox_retried(message.message.channel).inc();
  deps_.log.debug("outbox_retry", {{"id", message.id},
                                   {"channel", message.message.channel},
                                   {"reason", delivery.reason},
                                   {"attempts", failures},
                                   {"wait_ms", wait.count()}});
  boost::asio::post(timer_strand_, [this, wait, stopped = stopped_] {
    if (!*stopped) arm_within(wait);
  });
}

// Names the message by id and channel only: its payload holds what the person
// was told, and its destination who they are.
void OutboxWorker::drop(const store::QueuedMessage& message, const std::string& why,
                        const std::string& reason) {
  auto dropped = deps_.outbox.give_up(message.id);
  if (!dropped) {
    deps_.log.error("store_failed",
                    {{"operation", "outbox_give_up"}, {"error", dropped.error().message()}});
  }
  deps_.metrics.outbox_failed(message.message.channel).inc();
  deps_.log.warn("outbox_gave_up", {{"id", message.id},
                                    {"channel", message.message.channel},
                                    {"why", why},
                                    {"reason", reason},
                                    {"attempts", message.attempts + 1},
                                    {"age_seconds", (clock_() - message.created_at_ms) / 1000}});
}

}  // namespace backcoach::outbox
