#include "latency_recorder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace backcoach::bench {
namespace {

// Nearest-rank: the smallest sample with at least q of all samples at or below it.
std::uint32_t nearest_rank(const std::vector<std::uint32_t>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(q * n));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

void LatencyRecorder::record(std::chrono::nanoseconds latency) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
  samples_us_.push_back(us < 0 ? 0u : static_cast<std::uint32_t>(std::min<std::int64_t>(us, kMax)));
}

LatencyRecorder::Summary LatencyRecorder::summarise() const {
  Summary s;
  if (samples_us_.empty()) return s;
  std::vector<std::uint32_t> sorted = samples_us_;
  std::sort(sorted.begin(), sorted.end());
  s.count = sorted.size();
  const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
  s.mean_us = total / static_cast<double>(sorted.size());
  s.p50_us = nearest_rank(sorted, 0.50);
  s.p90_us = nearest_rank(sorted, 0.90);
  s.p99_us = nearest_rank(sorted, 0.99);
  s.max_us = sorted.back();
  return s;
}

nlohmann::json to_json(const LatencyRecorder::Summary& summary) {
  return {{"count", summary.count}, {"mean", std::round(summary.mean_us * 10) / 10},
          {"p50", summary.p50_us},  {"p90", summary.p90_us},
          {"p99", summary.p99_us},  {"max", summary.max_us}};
}

}  // namespace backcoach::bench
