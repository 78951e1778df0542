#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace backcoach::bench {

// Collects one latency sample per completed turn and summarises them.
//
// Keeps every sample (sorted on summary), so the percentiles are exact rather than
// bucketed; a 60 s run at 100k turns/s is 6M samples of 4 bytes. Not thread-safe:
// the load generator records from its single I/O thread.
class LatencyRecorder {
 public:
  struct Summary {
    std::uint64_t count = 0;
    double mean_us = 0;
    std::uint32_t p50_us = 0;
    std::uint32_t p90_us = 0;
    std::uint32_t p99_us = 0;
    std::uint32_t max_us = 0;
  };

  void record(std::chrono::nanoseconds latency);
  void clear() { samples_us_.clear(); }
  std::uint64_t count() const { return samples_us_.size(); }

  // Nearest-rank percentiles over everything recorded; all zero when empty.
  Summary summarise() const;

 private:
  std::vector<std::uint32_t> samples_us_;
};

nlohmann::json to_json(const LatencyRecorder::Summary& summary);

}  // namespace backcoach::bench
