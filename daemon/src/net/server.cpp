#include "net/server.h"


namespace backcoach::net {

Server::Server(Deps deps, NetLimits limits, std::vector<std::string> origin_patterns,
               std::shared_ptr<const StaticFiles> files)
    : deps_(deps),
      origins_(std::move(origin_patterns)),
      limiter_(limits.max_connections, limits.max_connections_per_address),
      api_(HttpApi::Deps{deps.service, deps.metrics, origins_, draining_},
           std::move(files)),
      ctx_{limits, deps.service, deps.metrics, deps.log, origins_, api_, sessions_, draining_},
      listener_(std::make_shared<Listener>(deps.ioc, ctx_, limiter_)) {}

result<boost::asio::ip::tcp::endpoint> Server::listen(const boost::asio::ip::tcp::endpoint& at) {
  return listener_->open(at);
}

void Server::start() { listener_->start(); }

void Server::drain(std::function<void()> on_drained) {
  draining_.store(true);
  if (listener_) listener_->stop();
  listener_.reset();  // its pending accept holds the last reference
  sessions_.shutdown_all(std::move(on_drained));
}

}  // namespace backcoach::net
