#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "net/cors.h"
#include "net/origin_policy.h"
#include "net/problem.h"
#include "net/router.h"
#include "net/static_files.h"
#include "service/chat_service.h"
#include "service/daemon_metrics.h"

namespace backcoach::net {

// The HTTP edge except the WebSocket upgrade itself (docs/openapi.yaml). It owns
// the route table; its own routes are
//   GET  /livez, /readyz, /metrics, /v1/chat (426 without an Upgrade)
//   GET  /v1/me/conversation, DELETE /v1/me   (Authorization: Bearer <token>)
//   OPTIONS /v1/me, /v1/me/conversation       (CORS preflight for allowed origins)
// and other modules add theirs through routes() before the server starts.
// A path no route matches: under /v1/ a 404; else GET/HEAD a file of the web root
// ("/" is the demo page), else 404. Errors are application/problem+json. The edge
// reaches the store only through the ChatService.
// Thread-safety: handle() from any thread, concurrently, once routes are added.
class HttpApi {
 public:
  struct Deps {
    service::ChatService& service;
    service::DaemonMetrics& metrics;
    const OriginPolicy& origins;
    const std::atomic<bool>& draining;
  };
  using Send = Router::Send;

  HttpApi(Deps deps, std::shared_ptr<const StaticFiles> files);

  void handle(const Request& req, Send send);

  // The table modules register into (before the server starts).
  Router& routes() { return router_; }
  // True when an Upgrade request for `path` belongs to a WebSocket endpoint.
  bool websocket_endpoint(std::string_view path) const;

  // Replaces the web root snapshot (SIGHUP); requests in progress keep the old one.
  void set_static_files(std::shared_ptr<const StaticFiles> files);

  // The token of "Authorization: Bearer <token>", if present.
  static std::optional<std::string> bearer_token(const Request& req);

 private:
  void add_routes();
  void readyz(const Request& req, Send send);
  void export_conversation(const Request& req, Send send);
  void erase(const Request& req, Send send);
  // The user a Bearer token names, or nullopt after answering 401 through `finish`.
  std::optional<std::string> authenticated(const Request& req, const Send& finish) const;
  Response static_file(const Request& req) const;
  std::shared_ptr<const StaticFiles> files() const;

  Deps deps_;
  Cors cors_;  // lets an allowed page's script read the answer (the widget's "forget me")
  Router router_;
  mutable std::mutex files_mu_;
  std::shared_ptr<const StaticFiles> files_;
};

}  // namespace backcoach::net
