#include "net/new_user_limiter.h"

#include <algorithm>

namespace backcoach::net {

NewUserLimiter::NewUserLimiter(std::size_t burst, Clock::duration window)
    : burst_(static_cast<double>(burst)),
      per_second_(window.count() > 0
                      ? static_cast<double>(burst) / std::chrono::duration<double>(window).count()
                      : 0.0) {}

double NewUserLimiter::refilled(const Bucket& b, Clock::time_point now) const {
  const double elapsed = std::chrono::duration<double>(now - b.at).count();
  return std::min(burst_, b.tokens + std::max(0.0, elapsed) * per_second_);
}

bool NewUserLimiter::allow(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (buckets_.size() > kForgetAbove) forget_full(now);
  auto it = buckets_.try_emplace(address, Bucket{burst_, now}).first;
  Bucket& b = it->second;
  b.tokens = refilled(b, now);
  b.at = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

void NewUserLimiter::forget_full(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) { return refilled(entry.second, now) >= burst_; });
}

std::size_t NewUserLimiter::tracked() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace backcoach::net
