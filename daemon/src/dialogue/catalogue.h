#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "triage/condition.h"

namespace backcoach::dialogue {

// One exercise of rules/exercises.yaml, as the guide describes it.
struct Exercise {
  std::string id;
  std::string name;
  std::string kind;  // "stretch" or "core"
  std::vector<std::string> steps;
  std::optional<int> hold_seconds;
  std::optional<int> repetitions;
  bool each_side = false;
  std::string dose;  // how long or how many, in words: said with its how-to
  std::string form;  // the one thing to get right, in words: said with its how-to
  std::string breathing;
  std::vector<std::string> targets;
  std::string stop_if;
  std::string alt;
  std::string source;
  YAML::Mark mark;

  // The card the protocol sends (docs/protocol.md).
  nlohmann::json card() const;
};

// How a routine is chosen (rules/routines.yaml): rules add exercises for what the
// person told us; defaults fill the rest; caps keep it short.
struct RoutineRules {
  struct Pick {
    triage::Condition when;
    std::vector<std::string> add;
    YAML::Mark mark;
  };
  std::vector<Pick> stretch_rules;
  std::vector<std::string> default_stretches;
  std::vector<Pick> core_rules;
  std::vector<std::string> default_core;
  int max_stretches = 4;
  int max_core = 1;
};

}  // namespace backcoach::dialogue
