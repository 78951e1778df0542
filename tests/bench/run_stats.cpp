#include "run_stats.h"

namespace backcoach::bench {

std::uint64_t RunStats::error_total() const {
  std::uint64_t total = 0;
  for (const auto& [code, n] : errors) total += n;
  return total;
}

nlohmann::json RunStats::errors_json() const {
  nlohmann::json by_code = nlohmann::json::object();
  for (const auto& [code, n] : errors) by_code[code] = n;
  return {{"total", error_total()}, {"by_code", by_code}};
}

}  // namespace backcoach::bench
