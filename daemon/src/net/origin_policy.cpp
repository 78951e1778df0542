#include "net/origin_policy.h"

#include <algorithm>
#include <cctype>

namespace backcoach::net {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

}  // namespace

OriginPolicy::OriginPolicy(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}

std::vector<std::string> OriginPolicy::default_patterns() {
  return {"http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"};
}

bool OriginPolicy::matches(std::string_view pattern, std::string_view origin) {
  if (pattern == "*") return true;
  constexpr std::string_view kAnyPort = ":*";
  if (pattern.size() > kAnyPort.size() && pattern.ends_with(kAnyPort)) {
    const auto base = pattern.substr(0, pattern.size() - kAnyPort.size());
    if (origin.size() < base.size() || !iequals(origin.substr(0, base.size()), base)) return false;
    const auto rest = origin.substr(base.size());
    return rest.empty() || (rest.front() == ':' && all_digits(rest.substr(1)));
  }
  return iequals(pattern, origin);
}

bool OriginPolicy::allows(std::string_view origin) const {
  if (origin.empty()) return true;
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const std::string& p) { return matches(p, origin); });
}

}  // namespace backcoach::net
