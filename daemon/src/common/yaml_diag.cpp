#include "common/yaml_diag.h"

namespace backcoach {

bool YamlDiag::string_field(const YAML::Node& map, const char* key, std::string& out,
                            bool required) const {
  const YAML::Node n = map[key];
  if (!n) {
    if (required) error(map, std::string("missing required field '") + key + "'");
    return false;
  }
  if (!n.IsScalar()) {
    error(n, std::string("field '") + key + "' must be a string");
    return false;
  }
  out = n.Scalar();
  return true;
}

bool YamlDiag::string_list(const YAML::Node& map, const char* key,
                           std::vector<std::string>& out) const {
  const YAML::Node n = map[key];
  if (!n) return true;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return true;
  }
  if (!n.IsSequence()) {
    error(n, std::string("field '") + key + "' must be a list of strings");
    return false;
  }
  for (const auto& item : n) {
    if (!item.IsScalar()) {
      error(item, std::string("every item of '") + key + "' must be a string");
      return false;
    }
    out.push_back(item.Scalar());
  }
  return true;
}

bool YamlDiag::number_field(const YAML::Node& map, const char* key, double& out,
                            bool required) const {
  const YAML::Node n = map[key];
  if (!n) {
    if (required) error(map, std::string("missing required field '") + key + "'");
    return false;
  }
  try {
    out = n.as<double>();
    return true;
  } catch (const YAML::Exception&) {
    error(n, std::string("field '") + key + "' must be a number");
    return false;
  }
}

}  // namespace backcoach
