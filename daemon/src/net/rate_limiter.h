#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

namespace backcoach::net {

// At most `max_events` accepted in any sliding `window` (a refused event does not
// count). Exact, not a token bucket: a burst at the end of one window and another
// at the start of the next cannot add up to twice the limit. Memory follows the
// events actually in the window, not the limit. Time is passed in, so tests choose it.
// Not thread-safe: one per connection, used on its strand.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(std::size_t max_events, Clock::duration window)
      : max_events_(max_events), window_(window) {}

  // True (and counted) when one more event fits at `now`.
  bool allow(Clock::time_point now);

 private:
  std::size_t max_events_;
  Clock::duration window_;
  std::deque<Clock::time_point> accepted_;  // oldest first, all within the window
};

}  // namespace backcoach::net
