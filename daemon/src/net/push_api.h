#pragma once

#include <optional>
#include <string>

#include "net/cors.h"
#include "net/router.h"
#include "service/chat_service.h"
#include "webpush/subscriptions.h"

namespace backcoach::net {

// Web Push for the daily check-in over HTTP (docs/openapi.yaml, docs/coaching.md):
//   GET    /v1/push/key  -> 200 {"public_key": "<VAPID key, base64url uncompressed point>"}
//                           (the browser's applicationServerKey; no token needed)
//   POST   /v1/me/push   the browser's PushSubscription JSON -> 201 {"endpoint", "created_at"}
//   DELETE /v1/me/push   optional {"endpoint": "..."} (none: all of the person's)
//                        -> 204, or 404 when there was none
//   OPTIONS on each: the CORS preflight (net/cors.h); every answer carries the CORS headers.
// /v1/me/push takes the widget token as a Bearer token: 401 without a valid one, 400
// for a body that is not a subscription or an endpoint that is not https, 404 for an
// erased person, all application/problem+json.
// Thread-safety: the handlers run on any thread, concurrently.
class PushApi {
 public:
  // `public_key`: the VAPID public key, base64url.
  PushApi(service::ChatService& chat, webpush::Subscriptions& subscriptions, std::string public_key)
      : chat_(chat), subscriptions_(subscriptions), public_key_(std::move(public_key)) {}

  // `origins` must outlive the routes.
  void add_routes(Router& router, const OriginPolicy& origins);

 private:
  void key(const Request& req, Router::Send send) const;
  void subscribe(const Request& req, Router::Send send);
  void unsubscribe(const Request& req, Router::Send send);

  service::ChatService& chat_;
  webpush::Subscriptions& subscriptions_;
  const std::string public_key_;
  std::optional<Cors> cors_;  // set by add_routes
};

}  // namespace backcoach::net
