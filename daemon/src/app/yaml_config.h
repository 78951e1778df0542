#pragma once

#include <CLI/CLI.hpp>
#include <istream>
#include <string>
#include <vector>

namespace backcoach::app {

// Lets CLI11 read its --config file as YAML (through yaml-cpp): a flat mapping
// of option names to scalars or lists, e.g.
//   listen: 0.0.0.0:8080
//   allow-origin: [https://clinic.example]
// Keys may use '-' or '_'. Nested mappings are refused; errors carry the line
// and column of the YAML node.
class YamlConfig : public CLI::Config {
 public:
  std::string to_config(const CLI::App* app, bool default_also, bool write_description,
                        std::string prefix) const override;
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
};

}  // namespace backcoach::app
