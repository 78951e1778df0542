#include "net/server.h"

#include "net/protocol.h"

namespace backcoach::net {

Server::Server(Deps deps, NetLimits limits, std::vector<std::string> origin_patterns,
               std::shared_ptr<const StaticFiles> files)
    : deps_(deps),
      origins_(std::move(origin_patterns)),
      new_users_(limits.new_users, limits.new_users_window),
      limiter_(limits.max_connections, limits.max_connections_per_address),
      api_(HttpApi::Deps{deps.service, deps.metrics, origins_, draining_}, std::move(files)),
      ctx_{limits,     deps.service, deps.metrics, deps.log,  origins_,
           new_users_, limiter_,     api_,         sessions_, draining_},
      listener_(std::make_shared<Listener>(deps.ioc, ctx_, limiter_)) {
  for (const auto code : kAllErrorCodes) deps.metrics.errors(to_string(code));  // zero from start
}

result<boost::asio::ip::tcp::endpoint> Server::listen(const boost::asio::ip::tcp::endpoint& at) {
  return listener_->open(at);
}

void Server::start() { listener_->start(); }

void Server::drain(std::function<void()> on_drained) {
  draining_.store(true);
  stop_listening();
  sessions_.shutdown_all(std::move(on_drained));
}

void Server::abort() {
  draining_.store(true);
  stop_listening();
  sessions_.abort_all();
}

void Server::stop_listening() {
  std::lock_guard lock(listener_mu_);
  if (listener_) listener_->stop();
  listener_.reset();  // its pending accept holds the last reference
}

}  // namespace backcoach::net

namespace backcoach::net {

std::size_t Server::push(const std::string& user_id, const service::TurnReply& reply) {
  const auto sessions = sessions_.sessions_of(user_id);
  if (sessions.empty()) return 0;
  const auto frame = std::make_shared<const std::string>(encode_push(reply));
  for (const auto& s : sessions) s->push(user_id, frame);
  return sessions.size();
}

}  // namespace backcoach::net
