#pragma once

#include <cstdint>
#include <string>

namespace backcoach::store {

// Milliseconds since the Unix epoch as ISO-8601 UTC with milliseconds:
// "2024-05-01T12:00:00.123Z". Thread-safety: pure.
std::string iso8601_utc(std::int64_t ms);

}  // namespace backcoach::store
