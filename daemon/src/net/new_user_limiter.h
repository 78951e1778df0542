#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace backcoach::net {

// How many new conversations (users) one client address may start: a token bucket
// per address holding up to `burst`, refilled at `burst` per `window` (so one comes
// back every window / burst). A returning person (hello with a token) is not
// counted. Addresses whose bucket is full again are forgotten once more than
// kForgetAbove are tracked, so memory follows recent creators, not every visitor.
// Time is passed in, so tests choose it. Thread-safety: any thread.
class NewUserLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kForgetAbove = 4096;

  NewUserLimiter(std::size_t burst, Clock::duration window);

  // True (and one taken) when `address` may create one more user at `now`.
  bool allow(const std::string& address, Clock::time_point now);

  // Addresses remembered now (for tests and curiosity).
  std::size_t tracked() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;  // when `tokens` was computed
  };
  double refilled(const Bucket& b, Clock::time_point now) const;
  void forget_full(Clock::time_point now);

  const double burst_;
  const double per_second_;  // refill rate
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace backcoach::net
