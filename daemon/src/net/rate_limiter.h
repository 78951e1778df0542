#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace backcoach::net {

// At most `max_events` accepted in any sliding `window` (a frame that is refused
// does not count). Time is passed in, so tests choose it.
// Not thread-safe: one per connection, used on its strand.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(std::size_t max_events, Clock::duration window);

  // True (and counted) when one more event fits at `now`.
  bool allow(Clock::time_point now);

 private:
  std::vector<Clock::time_point> ring_;  // accepted times, oldest at next_ once full
  std::size_t next_ = 0;
  std::size_t size_ = 0;
  Clock::duration window_;
};

}  // namespace backcoach::net
