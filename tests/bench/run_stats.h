#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "latency_recorder.h"

namespace backcoach::bench {

// What every client of one load run reports into. Single-threaded: the clients
// and the run's timers share one io_context run by one thread.
struct RunStats {
  bool measuring = false;                       // false during warm-up: turns are not counted
  bool stopping = false;                        // the run is over; clients stop reconnecting
  std::uint64_t turns = 0;                      // replies received while measuring
  std::uint64_t conversations = 0;              // welcomes received (all, warm-up included)
  std::uint64_t established = 0;                // clients currently past their welcome
  std::map<std::string, std::uint64_t> errors;  // by error frame code or failure kind
  LatencyRecorder latencies;

  void count_error(const std::string& code) { ++errors[code]; }
  std::uint64_t error_total() const;
  nlohmann::json errors_json() const;
};

}  // namespace backcoach::bench
