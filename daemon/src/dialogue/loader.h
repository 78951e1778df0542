#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "common/yaml_diag.h"
#include "dialogue/coaching_rules.h"
#include "dialogue/perspective.h"
#include "dialogue/progression_rules.h"
#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {

// The pieces of the loader, one per kind of section, each reporting problems to diag.
// Used only by load_rule_set (load_rule_set.cpp).
struct RawIntents {
  std::vector<IntentDef> intents;
  ContextConfig context;
  std::vector<AssemblyRule> assembly;
  std::optional<PerspectiveConfig> perspective;
  bool have_context = false;
};

void read_intents(const YAML::Node& list, const YamlDiag& diag, RawIntents& out);
void read_context(const YAML::Node& map, const YamlDiag& diag, RawIntents& out);
void read_assembly(const YAML::Node& list, const YamlDiag& diag, RawIntents& out);
void read_perspective(const YAML::Node& map, const YamlDiag& diag, RawIntents& out);
void read_flow(const YAML::Node& map, const YamlDiag& diag, Flow& out);
void read_acknowledgements(const YAML::Node& map, const YamlDiag& diag,
                           Flow::Acknowledgements& out);
void read_flags(const YAML::Node& list, const YamlDiag& diag, std::vector<triage::FlagDef>& out);
void read_exercises(const YAML::Node& list, const YamlDiag& diag, std::vector<Exercise>& out);
void read_routine(const YAML::Node& map, const YamlDiag& diag, RoutineRules& out);
void read_faq(const YAML::Node& list, const YamlDiag& diag, std::vector<FaqEntry>& out);
void read_string_map(const YAML::Node& map, const YamlDiag& diag,
                     std::map<std::string, std::string>& out);

// Cross-reference checks over a fully read rule set: unknown node, intent, fact,
// exercise or flag references, unreachable nodes, duplicate ids, flags with no tier
// (examples and counter-examples: check_examples, rule_set.h). `files` maps each
// section ("flow", "flags", ...) to the file it was read from; a missing section
// is reported against `rules_dir`.
void validate(const RuleSetImpl& rules, const std::map<std::string, std::string>& files,
              const std::string& rules_dir, std::vector<Diagnostic>& out);

}  // namespace backcoach::dialogue
