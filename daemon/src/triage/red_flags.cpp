#include "triage/red_flags.h"

namespace backcoach::triage {

std::optional<Tier> firing_tier(const FlagDef& flag, const EvalContext& ctx) {
  std::optional<Tier> best;
  for (const auto& t : flag.triggers) {
    if (t.when.eval(ctx)) best = raise(best, t.tier);
  }
  return best;
}

std::vector<Raised> screen(const std::vector<FlagDef>& flags, const EvalContext& ctx,
                           const std::set<std::string>& already) {
  std::vector<Raised> out;
  for (const auto& f : flags) {
    if (already.count(f.id) != 0) continue;
    if (auto tier = firing_tier(f, ctx)) out.push_back({f.id, *tier});
  }
  return out;
}

}  // namespace backcoach::triage
