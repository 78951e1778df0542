#pragma once

#include <string>
#include <string_view>

#include "net/origin_policy.h"
#include "net/router.h"

namespace backcoach::net {

// CORS for the /v1/me routes a page's script calls with fetch and a Bearer token (the
// widget's journal, reminder and "forget me"): an allowed Origin (OriginPolicy, the
// same list as the WebSocket's) is echoed in Access-Control-Allow-Origin, any other
// gets nothing, so the browser keeps the answer from that page. Every response says
// `Vary: Origin`, for caches.
// Holds a reference to `origins`, which must outlive it. Immutable; any thread.
class Cors {
 public:
  explicit Cors(const OriginPolicy& origins) : origins_(origins) {}

  // `send` that adds the request's CORS headers to the response first.
  Router::Send wrap(const Request& req, Router::Send send) const;
  // The answer to an OPTIONS preflight: 204; for an allowed origin, the `methods`
  // (such as "GET, DELETE, OPTIONS"), the Authorization and Content-Type headers, and
  // a max-age of 600 s.
  Response preflight(const Request& req, std::string_view methods) const;
  // Registers the preflight of `path` for `methods` in `router`.
  void add_preflight(Router& router, std::string_view path, std::string methods) const;

 private:
  void add(const std::string& origin, Response& res) const;

  const OriginPolicy& origins_;
};

}  // namespace backcoach::net
