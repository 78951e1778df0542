#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace backcoach::triage {

// How urgently a person should see a professional, lowest to highest. The ids are
// part of the protocol and of the outside checks: never rename them.
enum class Tier { kSelfCare = 0, kSoon = 1, kUrgent = 2, kEmergency = 3 };

std::string_view to_string(Tier t);
std::optional<Tier> parse_tier(std::string_view s);

// The higher of an optional tier and a tier.
inline Tier raise(std::optional<Tier> current, Tier t) {
  return current && *current > t ? *current : t;
}

}  // namespace backcoach::triage
