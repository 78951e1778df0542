#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "common/diagnostic.h"

namespace backcoach {

// Collects problems found while reading one YAML file, each at the node's place.
// Not thread-safe; one per file being loaded.
class YamlDiag {
 public:
  YamlDiag(std::string file, std::vector<Diagnostic>* out) : file_(std::move(file)), out_(out) {}

  void error(const YAML::Node& at, const std::string& message) const {
    const YAML::Mark m = at.Mark();
    out_->push_back({file_, m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1, message});
  }
  void error(const YAML::Mark& m, const std::string& message) const {
    out_->push_back({file_, m.line + 1, m.column + 1, message});
  }
  void error_at_file(const std::string& message) const { out_->push_back({file_, 0, 0, message}); }

  // Scalar readers: report (and return false) when the node is missing or of the wrong kind.
  bool string_field(const YAML::Node& map, const char* key, std::string& out, bool required) const;
  bool string_list(const YAML::Node& map, const char* key, std::vector<std::string>& out) const;
  bool number_field(const YAML::Node& map, const char* key, double& out, bool required) const;
  // Reports every key of `map` not in `allowed` (a misspelt field would otherwise be
  // ignored without a word), and every key given twice. Returns true when there was none.
  bool known_keys(const YAML::Node& map, std::initializer_list<const char*> allowed) const;

  const std::string& file() const { return file_; }
  std::size_t count() const { return out_->size(); }

 private:
  std::string file_;
  std::vector<Diagnostic>* out_;
};

}  // namespace backcoach
