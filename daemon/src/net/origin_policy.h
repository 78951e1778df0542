#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace backcoach::net {

// Which web pages may open a WebSocket to us (the Origin header of the upgrade).
// Patterns: an exact origin "https://clinic.example", a port wildcard
// "http://localhost:*" (any port, or none), or "*" (any origin).
// Besides the patterns, a page served by this daemon itself (Origin equal to
// http(s)://<Host header>) is always allowed. A request without Origin is not
// from a browser page and is allowed: the check protects browsers' users from
// cross-site WebSocket hijacking; other clients can send any header they like.
// Immutable after construction; safe from any thread.
class OriginPolicy {
 public:
  explicit OriginPolicy(std::vector<std::string> patterns);

  // The default allow-list: http://localhost:*, http://127.0.0.1:*, http://[::1]:*.
  static std::vector<std::string> default_patterns();

  // `origin` and `host` are the request's header values ("" when absent).
  bool allows(std::string_view origin, std::string_view host) const;

 private:
  static bool matches(std::string_view pattern, std::string_view origin);

  std::vector<std::string> patterns_;
};

}  // namespace backcoach::net
