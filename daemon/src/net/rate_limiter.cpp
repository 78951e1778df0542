#include "net/rate_limiter.h"

namespace backcoach::net {

bool RateLimiter::allow(Clock::time_point now) {
  while (!accepted_.empty() && now - accepted_.front() >= window_) accepted_.pop_front();
  if (accepted_.size() >= max_events_) return false;
  accepted_.push_back(now);
  return true;
}

}  // namespace backcoach::net
