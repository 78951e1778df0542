#include "net/push_api.h"

#include "net/bearer_user.h"
#include "net/problem.h"
#include "store/iso_time.h"

namespace backcoach::net {
namespace {

using nlohmann::json;

struct Reply {
  unsigned version;
  bool keep_alive;
};

Response failure(webpush::SubscribeError e, Reply to) {
  switch (e) {
    case webpush::SubscribeError::bad_subscription:
      return problem(
          http::status::bad_request,
          "the body must be a PushSubscription: {\"endpoint\": \"https://...\", "
          "\"keys\": {\"p256dh\": \"<P-256 point>\", \"auth\": \"<16 bytes>\"}}, base64url",
          to.version, to.keep_alive);
    case webpush::SubscribeError::insecure_endpoint:
      return problem(http::status::bad_request, "the endpoint must be an https URL", to.version,
                     to.keep_alive);
    case webpush::SubscribeError::no_user:
      return problem(http::status::not_found, "no such user", to.version, to.keep_alive);
    case webpush::SubscribeError::unavailable:
      break;
  }
  return problem(http::status::service_unavailable, "cannot reach the record now", to.version,
                 to.keep_alive);
}

}  // namespace

void PushApi::add_routes(Router& router, const OriginPolicy& origins) {
  cors_.emplace(origins);
  router.add(http::verb::get, "/v1/push/key",
             [this](const Request& req, const RouteParams&, Router::Send send) {
               key(req, cors_->wrap(req, std::move(send)));
             });
  router.add(http::verb::post, "/v1/me/push",
             [this](const Request& req, const RouteParams&, Router::Send send) {
               subscribe(req, cors_->wrap(req, std::move(send)));
             });
  router.add(http::verb::delete_, "/v1/me/push",
             [this](const Request& req, const RouteParams&, Router::Send send) {
               unsubscribe(req, cors_->wrap(req, std::move(send)));
             });
  cors_->add_preflight(router, "/v1/push/key", "GET, OPTIONS");
  cors_->add_preflight(router, "/v1/me/push", "POST, DELETE, OPTIONS");
}

void PushApi::key(const Request& req, Router::Send send) const {
  send(json_response(http::status::ok, {{"public_key", public_key_}}, req.version(),
                     req.keep_alive()));
}

void PushApi::subscribe(const Request& req, Router::Send send) {
  const auto user = bearer_user(req, chat_, send);
  if (!user) return;
  const json body = json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
  subscriptions_.subscribe(
      *user, body, [send, to = Reply{req.version(), req.keep_alive()}](auto r) {
        if (r.has_error()) return send(failure(r.error(), to));
        send(json_response(
            http::status::created,
            {{"endpoint", r->endpoint}, {"created_at", store::iso8601_utc(r->created_at_ms)}},
            to.version, to.keep_alive));
      });
}

void PushApi::unsubscribe(const Request& req, Router::Send send) {
  const auto user = bearer_user(req, chat_, send);
  if (!user) return;
  std::string endpoint;
  if (!req.body().empty()) {
    const json body = json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
    if (!body.is_object() || !body.contains("endpoint") || !body["endpoint"].is_string()) {
      return send(problem(http::status::bad_request,
                          "the body, when given, must be {\"endpoint\": \"...\"}", req.version(),
                          req.keep_alive()));
    }
    endpoint = body["endpoint"].get<std::string>();
  }
  subscriptions_.unsubscribe(
      *user, endpoint, [send, to = Reply{req.version(), req.keep_alive()}](auto r) {
        if (r.has_error()) return send(failure(r.error(), to));
        if (*r == 0)
          return send(
              problem(http::status::not_found, "no such subscription", to.version, to.keep_alive));
        send(no_content(to.version, to.keep_alive));
      });
}

}  // namespace backcoach::net
