#include "net/routine_api.h"

#include "net/bearer_user.h"
#include "net/problem.h"

namespace backcoach::net {

void RoutineApi::add_routes(Router& router, const OriginPolicy& origins) {
  cors_.emplace(origins);
  router.add(http::verb::get, "/v1/me/routine",
             [this](const Request& req, const RouteParams&, Router::Send send) {
               get(req, cors_->wrap(req, std::move(send)));
             });
  cors_->add_preflight(router, "/v1/me/routine", "GET, OPTIONS");
}

void RoutineApi::get(const Request& req, Router::Send send) {
  const auto user = bearer_user(req, chat_, send);
  if (!user) return;
  routines_.today(*user, [send, version = req.version(), keep = req.keep_alive()](auto r) {
    if (r.has_error()) {
      return send(
          problem(http::status::service_unavailable, "cannot read the routine now", version, keep));
    }
    send(json_response(http::status::ok, *r, version, keep));
  });
}

}  // namespace backcoach::net
