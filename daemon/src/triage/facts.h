#pragma once

#include <map>
#include <optional>
#include <string>

namespace backcoach::triage {

// What a person has told us, as named facts. A fact is affirmed (true), denied
// (false) or unknown (absent); numbers (age, pain, duration in weeks) are kept apart.
struct Facts {
  std::map<std::string, bool> truth;
  std::map<std::string, double> numbers;

  bool affirmed(const std::string& id) const {
    auto it = truth.find(id);
    return it != truth.end() && it->second;
  }
  bool denied(const std::string& id) const {
    auto it = truth.find(id);
    return it != truth.end() && !it->second;
  }
  bool known(const std::string& id) const { return truth.count(id) != 0; }
  std::optional<double> number(const std::string& id) const {
    auto it = numbers.find(id);
    if (it == numbers.end()) return std::nullopt;
    return it->second;
  }

  friend bool operator==(const Facts&, const Facts&) = default;
};

}  // namespace backcoach::triage
