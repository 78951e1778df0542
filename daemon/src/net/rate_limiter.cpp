#include "net/rate_limiter.h"

namespace backcoach::net {

RateLimiter::RateLimiter(std::size_t max_events, Clock::duration window)
    : ring_(max_events), window_(window) {}

bool RateLimiter::allow(Clock::time_point now) {
  if (ring_.empty()) return false;
  if (size_ == ring_.size()) {
    // Full: the oldest accepted event must have left the window.
    if (now - ring_[next_] < window_) return false;
  } else {
    ++size_;
  }
  ring_[next_] = now;
  next_ = (next_ + 1) % ring_.size();
  return true;
}

}  // namespace backcoach::net
