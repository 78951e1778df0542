#include "net/cors.h"

namespace backcoach::net {
namespace {

std::string origin_of(const Request& req) {
  const auto origin = req.find(http::field::origin);
  return origin == req.end() ? std::string() : std::string(origin->value());
}

}  // namespace

void Cors::add(const std::string& origin, Response& res) const {
  res.set(http::field::vary, "Origin");
  if (origin.empty() || !origins_.allows(origin)) return;
  res.set(http::field::access_control_allow_origin, origin);
}

Router::Send Cors::wrap(const Request& req, Router::Send send) const {
  return [this, origin = origin_of(req), send = std::move(send)](Response res) {
    add(origin, res);
    send(std::move(res));
  };
}

Response Cors::preflight(const Request& req, std::string_view methods) const {
  Response res{http::status::no_content, req.version()};
  res.set(http::field::server, "backcoachd");
  res.keep_alive(req.keep_alive());
  add(origin_of(req), res);
  if (res.find(http::field::access_control_allow_origin) != res.end()) {
    res.set(http::field::access_control_allow_methods, methods);
    res.set(http::field::access_control_allow_headers, "Authorization, Content-Type");
    res.set(http::field::access_control_max_age, "600");
  }
  return res;
}

void Cors::add_preflight(Router& router, std::string_view path, std::string methods) const {
  router.add(
      http::verb::options, path,
      [this, methods = std::move(methods)](const Request& req, const RouteParams&,
                                           Router::Send send) { send(preflight(req, methods)); });
}

}  // namespace backcoach::net
