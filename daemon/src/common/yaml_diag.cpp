#include "common/yaml_diag.h"

#include <algorithm>

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

bool YamlDiag::known_keys(const YAML::Node& map, std::initializer_list<const char*> allowed) const {
  if (!map.IsMap()) return true;
  bool ok = true;
  std::vector<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    // yaml-cpp keeps both entries of a repeated key and a lookup finds the first, so the
    // second is read by nobody: most often an entry whose "- " was lost, its fields merged
    // into the entry above it.
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      error(kv.first, "field '" + key +
                          "' given twice in one entry (the second would be ignored; is a "
                          "'- ' missing before a new entry?)");
      ok = false;
      continue;
    }
    seen.push_back(key);
    bool found = false;
    for (const char* a : allowed) found = found || key == a;
    if (!found) {
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      error(kv.first, "unknown field '" + key + "' (expected one of: " + list + ")");
      ok = false;
    }
  }
  return ok;
}

}  // namespace backcoach
