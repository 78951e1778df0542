#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>

#include "net/client_address.h"
#include "net/connection_limiter.h"
#include "net/new_user_limiter.h"
#include "net/origin_policy.h"
#include "net/protocol.h"
#include "net/session_registry.h"
#include "service/chat_service.h"
#include "service/daemon_metrics.h"
#include "service/event_log.h"

namespace backcoach::net {

class HttpApi;

// Every limit of the network layer (defaults from the issue; all configurable).
struct NetLimits {
  std::size_t max_message_bytes = 16 * 1024;     // larger frames get `too_large`
  std::size_t hard_message_bytes = 1024 * 1024;  // larger ones close the socket (1009)
  DecodeLimits decode;
  std::chrono::milliseconds handshake_timeout{30'000};
  std::chrono::milliseconds ping_interval{30'000};      // a quiet peer is pinged this often
  std::chrono::milliseconds idle_timeout{900'000};      // no frame from the client: close
  std::chrono::milliseconds http_timeout{30'000};       // to read one HTTP request
  std::chrono::milliseconds drain_timeout{10'000};      // SIGTERM: longest wait for sessions
  std::size_t rate_messages = 20;                       // frames accepted ...
  std::chrono::milliseconds rate_window{10'000};        // ... per window per connection
  std::size_t new_users = 30;                           // new conversations per address ...
  std::chrono::milliseconds new_users_window{600'000};  // ... per window (a token bucket)
  std::size_t max_connections = 16384;
  std::size_t max_connections_per_address = 1024;
  std::size_t send_queue_frames = 64;  // a client that lets more pile up is dropped
  std::size_t http_body_limit = 64 * 1024;
  std::size_t http_header_limit = 8 * 1024;
  // Peers whose X-Real-IP / X-Forwarded-For name the client the per-address limits
  // count (see client_address). None by default: every peer is its own client.
  TrustedProxies trusted_proxies;
};

// What every session shares. Owned by the Server, outlives all sessions.
struct ServerContext {
  NetLimits limits;
  service::ChatService& service;
  service::DaemonMetrics& metrics;
  const service::EventLog& log;
  const OriginPolicy& origins;
  NewUserLimiter& new_users;
  ConnectionLimiter& connections;
  HttpApi& api;
  SessionRegistry& sessions;
  const std::atomic<bool>& draining;  // set by Server::drain
};

}  // namespace backcoach::net
