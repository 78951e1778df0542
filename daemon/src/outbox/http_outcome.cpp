#include "outbox/http_outcome.h"

#include <charconv>
#include <cstdint>
#include <optional>

namespace backcoach::outbox {
namespace {

// Retry-After as delta-seconds; the HTTP-date form is left to the backoff.
std::optional<std::chrono::seconds> retry_after_seconds(const std::string& value) {
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size() || seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

}  // namespace

Delivery http_outcome(boost::system::error_code ec, unsigned status,
                      const std::string& retry_after) {
  if (ec) return Delivery::retry(ec.message());
  const std::string reason = "http " + std::to_string(status);
  if (status >= 200 && status < 300) return Delivery::sent();
  if (status == 429 || status == 408 || status >= 500) {
    return Delivery::retry(reason, retry_after_seconds(retry_after));
  }
  return Delivery::gone(reason);
}

}  // namespace backcoach::outbox
