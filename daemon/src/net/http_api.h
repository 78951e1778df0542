#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "net/origin_policy.h"
#include "net/problem.h"
#include "net/static_files.h"
#include "service/conversation_service.h"
#include "service/daemon_metrics.h"
#include "service/rules_holder.h"
#include "store/store.h"

namespace backcoach::net {

// The HTTP surface except the WebSocket upgrade (docs/openapi.yaml):
//   GET  /livez, /readyz, /metrics
//   GET  /v1/me/conversation, DELETE /v1/me   (Authorization: Bearer <token>)
//   OPTIONS on /v1/me*                         (CORS preflight for allowed origins)
//   GET/HEAD anything else: a file of the web root ("/" is the demo page), else 404.
// Errors are application/problem+json. Requests that need the disk (export,
// erase, readiness) complete on the blocking executor.
// Thread-safety: handle() from any thread, concurrently.
class HttpApi {
 public:
  struct Deps {
    service::ConversationService& service;
    const service::RulesHolder& rules;
    store::Store& store;
    boost::asio::any_io_executor blocking;
    service::DaemonMetrics& metrics;
    const OriginPolicy& origins;
    const std::atomic<bool>& draining;
  };
  // Called exactly once with the response, on any thread.
  using Send = std::function<void(Response)>;

  HttpApi(Deps deps, std::shared_ptr<const StaticFiles> files);

  void handle(const Request& req, Send send);

  // Replaces the web root snapshot (SIGHUP); requests in progress keep the old one.
  void set_static_files(std::shared_ptr<const StaticFiles> files);

  // The token of "Authorization: Bearer <token>", if present.
  static std::optional<std::string> bearer_token(const Request& req);

 private:
  void readyz(const Request& req, Send send);
  void me(const Request& req, Send send);
  Response static_file(const Request& req) const;
  Response preflight(const Request& req) const;
  struct Cors {
    std::string origin;  // "" when the request had none
  };
  static Cors cors_of(const Request& req);
  // Lets an allowed page's script read the response (the widget's "forget me").
  void add_cors(const Cors& cors, Response& res) const;
  std::shared_ptr<const StaticFiles> files() const;

  Deps deps_;
  mutable std::mutex files_mu_;
  std::shared_ptr<const StaticFiles> files_;
};

}  // namespace backcoach::net
