#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace backcoach::net {

// Which web pages may open a WebSocket to us (the Origin header of the upgrade).
// Patterns: an exact origin "https://clinic.example", a port wildcard
// "http://localhost:*" (any port, or none), or "*" (any origin). The daemon's own
// public origin is one of them (configured): the request's Host header is never
// trusted, since with DNS rebinding an attacker's page sends Host and Origin both
// naming the attacker's domain. A request without Origin is not from a browser
// page and is allowed: the check protects browsers' users from cross-site
// WebSocket hijacking; other clients can send any header they like.
// Immutable after construction; safe from any thread.
class OriginPolicy {
 public:
  explicit OriginPolicy(std::vector<std::string> patterns);

  // The default allow-list: http://localhost:*, http://127.0.0.1:*, http://[::1]:*.
  static std::vector<std::string> default_patterns();

  // `origin` is the request's Origin header ("" when absent).
  bool allows(std::string_view origin) const;

 private:
  static bool matches(std::string_view pattern, std::string_view origin);

  std::vector<std::string> patterns_;
};

}  // namespace backcoach::net
