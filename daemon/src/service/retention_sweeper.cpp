#include "service/retention_sweeper.h"

#include <boost/asio/post.hpp>
#include <utility>

namespace backcoach::service {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

}  // namespace

RetentionSweeper::RetentionSweeper(boost::asio::any_io_executor timers,
                                   boost::asio::any_io_executor blocking,
                                   store::ConversationLog& store, Clock clock, Counter& deleted,
                                   const EventLog& log, Options options)
    : blocking_(std::move(blocking)),
      store_(store),
      clock_(std::move(clock)),
      deleted_(deleted),
      log_(log),
      options_(options),
      timer_(std::move(timers)) {}

std::int64_t RetentionSweeper::cutoff_ms(std::int64_t now_ms, int days) {
  return now_ms - static_cast<std::int64_t>(days) * kDayMs;
}

void RetentionSweeper::start() { arm(std::chrono::milliseconds(0)); }

void RetentionSweeper::stop() {
  *stopping_ = true;
  timer_.cancel();
}

// Handlers still queued after stop() (an io_context run once more at teardown)
// read only the shared flag, so they are harmless even once the sweeper is gone.
void RetentionSweeper::arm(std::chrono::milliseconds delay) {
  if (*stopping_) return;
  timer_.expires_after(delay);
  timer_.async_wait([this, stopping = stopping_](boost::system::error_code ec) {
    if (ec || *stopping) return;
    boost::asio::post(blocking_, [this, stopping] {
      if (!*stopping) run_and_rearm();
    });
  });
}

// On `blocking`; the timer is re-armed from its own executor, so only that
// thread ever touches it.
void RetentionSweeper::run_and_rearm() {
  auto erased = sweep_now();
  if (!erased) log_.error("retention_failed", {{"error", erased.error().message()}});
  boost::asio::post(timer_.get_executor(), [this, stopping = stopping_] {
    if (!*stopping) arm(options_.period);
  });
}

result<std::int64_t> RetentionSweeper::sweep_now() {
  if (options_.days <= 0) return std::int64_t{0};
  const std::int64_t before = cutoff_ms(clock_(), options_.days);
  std::int64_t total = 0;
  while (!*stopping_) {
    auto erased = store_.erase_idle(before, options_.users_per_batch);
    if (!erased) return erased;
    total += *erased;
    deleted_.inc(static_cast<std::uint64_t>(*erased));
    if (*erased < options_.users_per_batch) break;
  }
  // The count only: which people, and what they wrote, is exactly what is gone.
  log_.info("retention_swept", {{"deleted", total}, {"days", options_.days}});
  return total;
}

}  // namespace backcoach::service
