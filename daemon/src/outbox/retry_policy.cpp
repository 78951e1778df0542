#include "outbox/retry_policy.h"

#include <algorithm>

namespace backcoach::outbox {

std::chrono::milliseconds backoff(const RetryPolicy& policy, int failures, double unit_random) {
  // 2^30 times even a millisecond is past any sensible cap: stop doubling there.
  const int doublings = std::clamp(failures - 1, 0, 30);
  const std::int64_t first = std::max<std::int64_t>(policy.first.count(), 1);
  const std::int64_t longest = std::max<std::int64_t>(policy.longest.count(), first);
  const std::int64_t nominal = std::min(longest, first << doublings);
  const double r = std::clamp(unit_random, 0.0, 1.0);
  const auto jittered =
      nominal / 2 + static_cast<std::int64_t>(static_cast<double>(nominal / 2) * r);
  return std::chrono::milliseconds(std::max<std::int64_t>(jittered, 1));
}

}  // namespace backcoach::outbox
