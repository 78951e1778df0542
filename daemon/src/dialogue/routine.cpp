// Choosing a routine: rules add exercises for what the person told us, in rule
// order; defaults fill the rest up to the caps.
#include <algorithm>

#include "dialogue/turn.h"

namespace backcoach::dialogue {
namespace {

void add_unique(std::vector<std::string>& out, const std::string& id, std::size_t cap) {
  if (out.size() < cap && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
}

std::vector<std::string> pick(const std::vector<RoutineRules::Pick>& rules,
                              const std::vector<std::string>& defaults, std::size_t cap,
                              const triage::EvalContext& ctx) {
  std::vector<std::string> out;
  for (const auto& r : rules) {
    if (!r.when.eval(ctx)) continue;
    for (const auto& id : r.add) add_unique(out, id, cap);
  }
  for (const auto& id : defaults) add_unique(out, id, cap);
  return out;
}

}  // namespace

std::vector<std::string> choose_routine(const RoutineRules& rules, const RuleSetImpl& /*all*/,
                                        const triage::EvalContext& ctx) {
  auto out = pick(rules.stretch_rules, rules.default_stretches,
                  static_cast<std::size_t>(rules.max_stretches), ctx);
  auto core =
      pick(rules.core_rules, rules.default_core, static_cast<std::size_t>(rules.max_core), ctx);
  out.insert(out.end(), core.begin(), core.end());
  return out;
}

}  // namespace backcoach::dialogue
