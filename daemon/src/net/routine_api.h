#pragma once

#include <optional>

#include "coach/routine_today.h"
#include "net/cors.h"
#include "net/router.h"
#include "service/chat_service.h"

namespace backcoach::net {

// The routine for today over HTTP (docs/openapi.yaml), with the widget token as a Bearer
// token:
//   GET     /v1/me/routine -> 200 coach::routine_today's object (level, paused, exercises)
//   OPTIONS /v1/me/routine    the CORS preflight (net/cors.h); the answer carries CORS headers
// 401 without a valid token, 503 when the store cannot be read, application/problem+json.
// Thread-safety: the handler runs on any thread, concurrently.
class RoutineApi {
 public:
  RoutineApi(service::ChatService& chat, coach::RoutineService& routines)
      : chat_(chat), routines_(routines) {}

  // `origins` must outlive the routes.
  void add_routes(Router& router, const OriginPolicy& origins);

 private:
  void get(const Request& req, Router::Send send);

  service::ChatService& chat_;
  coach::RoutineService& routines_;
  std::optional<Cors> cors_;  // set by add_routes
};

}  // namespace backcoach::net
