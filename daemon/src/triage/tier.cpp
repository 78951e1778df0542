#include "triage/tier.h"

#include <array>

namespace backcoach::triage {
namespace {
constexpr std::array<std::string_view, 4> kNames = {"self_care", "soon", "urgent", "emergency"};
}

std::string_view to_string(Tier t) { return kNames[static_cast<std::size_t>(t)]; }

std::optional<Tier> parse_tier(std::string_view s) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == s) return static_cast<Tier>(i);
  }
  return std::nullopt;
}

}  // namespace backcoach::triage
