#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/problem.h"

namespace backcoach::net {

// The parameters a matched pattern captured: "/v1/bots/{bot_id}/messages" on
// "/v1/bots/kiosk/messages" gives {"bot_id": "kiosk"}.
using RouteParams = std::map<std::string, std::string, std::less<>>;

// `websocket`: the path is a WebSocket endpoint; an Upgrade request for it is
// handed to the WebSocket session, a plain request goes to the handler.
struct RouteOptions {
  bool websocket = false;
};

// One table of the HTTP surface that modules register into. A pattern is a path
// whose segments are literal or a parameter in braces ("{bot_id}", one whole
// segment, never empty). Matching is exact (no trailing slash, no prefix).
// The table is filled before the server starts and read-only afterwards, so
// match() may run on any number of threads at once.
class Router {
 public:
  // Called exactly once with the response, on any thread.
  using Send = std::function<void(Response)>;
  using Handler = std::function<void(const Request&, const RouteParams&, Send)>;

  // Registers `method` on `pattern`. A pattern may carry several methods; the
  // first registration of a method on a pattern wins.
  void add(http::verb method, std::string_view pattern, Handler handler, RouteOptions options = {});
  // GET and HEAD with one handler (the handler leaves HEAD's body out).
  void add_get(std::string_view pattern, Handler handler, RouteOptions options = {});

  struct Match {
    const Handler* handler = nullptr;  // null: the path matched, the method did not
    RouteParams params;
    std::string allow;  // "GET, HEAD": every method of the pattern, in registration order
    bool websocket = false;
  };
  // The route for `path` (query already removed); nullopt when no pattern matches.
  std::optional<Match> match(http::verb method, std::string_view path) const;

 private:
  struct Route {
    std::vector<std::string> segments;  // "{name}" for a parameter
    std::vector<std::pair<http::verb, Handler>> methods;
    RouteOptions options;
  };
  Route& route_for(std::string_view pattern);
  static bool matches(const Route& route, const std::vector<std::string_view>& path,
                      RouteParams& params);

  std::vector<Route> routes_;
};

// The path of a request target, without its query.
std::string_view path_of(std::string_view target);

// "405 method not allowed" as problem+json with its Allow header.
Response method_not_allowed(const Request& req, std::string_view allow);

}  // namespace backcoach::net
