#pragma once

#include <gtest/gtest.h>

#include <future>

#include "net/router.h"

namespace backcoach::net::testing {

// Runs the route `router` matches for `req` (its target without a query) and waits
// for its answer, as http_session would; an empty response and a test failure when
// nothing matches.
inline Response call_route(Router& router, const Request& req, std::string_view path) {
  const auto m = router.match(req.method(), path);
  if (!m || m->handler == nullptr) {
    ADD_FAILURE() << "no route for " << path;
    return {};
  }
  std::promise<Response> answer;
  (*m->handler)(req, m->params, [&](Response res) { answer.set_value(std::move(res)); });
  return answer.get_future().get();
}

}  // namespace backcoach::net::testing
