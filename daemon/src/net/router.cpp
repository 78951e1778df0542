#include "net/router.h"

namespace backcoach::net {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

Response method_not_allowed(const Request& req, std::string_view allow) {
  auto res = problem(http::status::method_not_allowed, "method not allowed here", req.version(),
                     req.keep_alive());
  res.set(http::field::allow, allow);
  return res;
}

Router::Route& Router::route_for(std::string_view pattern) {
  std::vector<std::string> segments;
  for (auto s : split_path(pattern)) segments.emplace_back(s);
  for (auto& r : routes_) {
    if (r.segments == segments) return r;
  }
  routes_.push_back(Route{std::move(segments), {}, {}});
  return routes_.back();
}

void Router::add(http::verb method, std::string_view pattern, Handler handler,
                 RouteOptions options) {
  Route& route = route_for(pattern);
  route.options.websocket = route.options.websocket || options.websocket;
  for (const auto& [m, h] : route.methods) {
    if (m == method) return;
  }
  route.methods.emplace_back(method, std::move(handler));
}

void Router::add_get(std::string_view pattern, Handler handler, RouteOptions options) {
  add(http::verb::get, pattern, handler, options);
  add(http::verb::head, pattern, std::move(handler), options);
}

bool Router::matches(const Route& route, const std::vector<std::string_view>& path,
                     RouteParams& params) {
  if (route.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto& want = route.segments[i];
    if (is_parameter(want)) {
      if (path[i].empty()) return false;
      params.emplace(want.substr(1, want.size() - 2), path[i]);
    } else if (want != path[i]) {
      return false;
    }
  }
  return true;
}

std::optional<Router::Match> Router::match(http::verb method, std::string_view path) const {
  const auto parts = split_path(path);
  for (const auto& route : routes_) {
    Match m;
    if (!matches(route, parts, m.params)) continue;
    m.websocket = route.options.websocket;
    for (const auto& [verb, handler] : route.methods) {
      if (!m.allow.empty()) m.allow += ", ";
      m.allow += std::string(http::to_string(verb));
      if (verb == method) m.handler = &handler;
    }
    return m;
  }
  return std::nullopt;
}

}  // namespace backcoach::net
