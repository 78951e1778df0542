#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "dialogue/engine.h"

namespace backcoach::scenarios {

// One scenario file entry, as the runner registers it: the file, the scenario's
// position in it (files hold one scenario or a list) and its id.
struct ScenarioRef {
  std::filesystem::path file;
  std::size_t index = 0;
  std::string id;
  std::string load_error;  // non-empty when the file could not be read
};

// GTest prints a parameter with this ("file.yaml#2 id").
inline void PrintTo(const ScenarioRef& ref, std::ostream* os) {
  *os << ref.file.filename().string() << "#" << ref.index << " " << ref.id;
}

// Every scenario under `dir` (*.yaml, sorted by file name, then file order).
std::vector<ScenarioRef> list_scenarios(const std::filesystem::path& dir);

// A GTest-safe test name for a scenario id ("a-b c" -> "a_b_c").
std::string test_name(const std::string& id);

// Runs one scenario through the engine and returns every failed expectation as a
// message naming the scenario, the turn, what was said and what came back.
// An empty result means the scenario passed.
std::vector<std::string> run_scenario(const dialogue::Engine& engine, const YAML::Node& scenario,
                                      const std::string& file);

// The scenario node for a ref (loads the file again: each test stands alone).
YAML::Node load_scenario(const ScenarioRef& ref);

// Decodes `\xNN` escapes (for invalid UTF-8 bytes) in a `say_raw` text.
std::string decode_raw(const std::string& text);

}  // namespace backcoach::scenarios
