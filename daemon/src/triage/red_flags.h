#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "triage/condition.h"
#include "triage/tier.h"

namespace backcoach::triage {

// One way a flag can fire, and the tier it carries when it does. A flag's tier may
// depend on the answers (a fall from height is an emergency, a minor fall with
// osteoporosis is urgent), so a flag has one or more triggers.
struct Trigger {
  Tier tier = Tier::kSoon;
  Condition when;
};

// A red flag as defined in rules/red_flags.yaml.
struct FlagDef {
  std::string id;
  std::vector<Trigger> triggers;
  std::string say;     // what the bot says when it fires (our words)
  std::string source;  // guideline citation
  YAML::Mark mark;
};

struct Raised {
  std::string id;
  Tier tier;
};

// Evaluates every flag against a conversation. Returns the flags that fire now and
// are not in `already` (flags are never lowered or removed), in definition order,
// each with the highest tier among its triggers that hold.
std::vector<Raised> screen(const std::vector<FlagDef>& flags, const EvalContext& ctx,
                           const std::set<std::string>& already);

// The tier a raised flag carries now (its highest firing trigger), if it fires.
std::optional<Tier> firing_tier(const FlagDef& flag, const EvalContext& ctx);

}  // namespace backcoach::triage
