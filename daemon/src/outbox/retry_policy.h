#pragma once

#include <chrono>
#include <cstdint>

namespace backcoach::outbox {

// How long the outbox waits before trying a message again, and when it stops.
struct RetryPolicy {
  std::chrono::milliseconds first{1000};           // the wait after the first failure, about
  std::chrono::milliseconds longest{10 * 60'000};  // no backoff grows past this
  std::chrono::milliseconds give_up_after{24 * 3'600'000};  // a message older than this is
                                                            // dropped at its next failure
};

// The wait after the `failures`-th failed attempt (1-based): exponential,
// first * 2^(failures-1) capped at `longest`, with "equal jitter": half of it fixed
// and half scaled by `unit_random` (uniform in [0, 1)), so that messages that failed
// together (a receiver that was down) do not all come back in the same instant,
// while each wait stays at least half its nominal length. Pure.
std::chrono::milliseconds backoff(const RetryPolicy& policy, int failures, double unit_random);

}  // namespace backcoach::outbox
