#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/errc.h"
#include "net/connection_limiter.h"
#include "net/http_api.h"
#include "net/listener.h"
#include "net/origin_policy.h"
#include "net/server_context.h"
#include "net/session_registry.h"
#include "net/static_files.h"

namespace backcoach::net {

// The network side of backcoachd: listener, sessions, HTTP API, limits.
// Owns everything sessions share, so it must outlive every session: the app
// aborts the sessions and runs the io_context until they end (destroying it then
// takes any still pending) before it destroys the Server.
class Server {
 public:
  struct Deps {
    boost::asio::io_context& ioc;
    service::ChatService& service;
    service::DaemonMetrics& metrics;
    const service::EventLog& log;
  };

  // `origin_patterns`: see OriginPolicy.
  Server(Deps deps, NetLimits limits, std::vector<std::string> origin_patterns,
         std::shared_ptr<const StaticFiles> files);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds; the result carries the actual port (for port 0).
  result<boost::asio::ip::tcp::endpoint> listen(const boost::asio::ip::tcp::endpoint& at);
  void start();

  // Graceful stop: refuse new connections and new turns (readyz → 503), let every
  // session finish what it has in flight, close WebSockets with 1001 going away.
  // `on_drained` runs once, when the last session has ended (the caller keeps its
  // own deadline). Releases the listener, so that afterwards the Server holds no
  // I/O object and may outlive the io_context. Any thread; call once.
  void drain(std::function<void()> on_drained);

  // Stops at once: refuses new connections and closes every session now, dropping
  // what is in flight; the `on_drained` of drain() is dropped unrun. The sessions
  // end as their aborted operations complete, so the io_context must run (or be
  // destroyed) afterwards. Any thread; idempotent.
  void abort();

  void set_static_files(std::shared_ptr<const StaticFiles> files) {
    api_.set_static_files(std::move(files));
  }
  // Sends a message the server started (a check-in) to every open WebSocket of
  // `user_id` as a `push` frame; none open: nothing (their history shows it).
  // Any thread. Returns how many sessions it went to.
  std::size_t push(const std::string& user_id, const service::TurnReply& reply);
  // True while `user_id` has a WebSocket open (a push would reach them). Any thread.
  bool connected(const std::string& user_id) const {
    return !sessions_.sessions_of(user_id).empty();
  }
  // The route table, for modules to add their routes before start().
  Router& routes() { return api_.routes(); }
  // The pages allowed to call us (WebSocket upgrades, CORS of the /v1/me routes).
  const OriginPolicy& origins() const { return origins_; }
  bool draining() const { return draining_.load(); }
  std::size_t open_sessions() const { return sessions_.size(); }

 private:
  void stop_listening();

  Deps deps_;
  std::atomic<bool> draining_{false};
  OriginPolicy origins_;
  NewUserLimiter new_users_;
  SessionRegistry sessions_;
  ConnectionLimiter limiter_;
  HttpApi api_;
  ServerContext ctx_;
  std::mutex listener_mu_;  // drain() and abort() may come from different threads
  std::shared_ptr<Listener> listener_;
};

}  // namespace backcoach::net
