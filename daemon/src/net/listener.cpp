#include "net/listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "net/client_address.h"
#include "net/http_session.h"
#include "net/problem.h"

namespace backcoach::net {

namespace asio = boost::asio;
using asio::ip::tcp;

Listener::Listener(asio::io_context& ioc, ServerContext& ctx, ConnectionLimiter& limiter)
    : ioc_(ioc),
      ctx_(ctx),
      limiter_(limiter),
      acceptor_(asio::make_strand(ioc)),
      backoff_(acceptor_.get_executor()) {}

result<tcp::endpoint> Listener::open(const tcp::endpoint& at) {
  boost::system::error_code ec;
  acceptor_.open(at.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(at, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return ec;
  auto bound = acceptor_.local_endpoint(ec);
  if (ec) return ec;
  return bound;
}

void Listener::start() {
  asio::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); });
}

void Listener::stop() {
  asio::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ec;
    self->backoff_.cancel();
    self->acceptor_.close(ec);
  });
}

void Listener::do_accept() {
  acceptor_.async_accept(
      asio::make_strand(ioc_),
      [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
        self->on_accept(ec, std::move(socket));
      });
}

void Listener::on_accept(boost::system::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // Out of file descriptors or similar: wait a little instead of spinning.
    ctx_.log.warn("accept_failed", {{"error", ec.message()}});
    backoff_.expires_after(std::chrono::milliseconds(100));
    backoff_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  boost::system::error_code addr_ec;
  const auto remote = socket.remote_endpoint(addr_ec);
  const auto peer = canonical(remote.address());
  const std::string address = addr_ec ? std::string("?") : peer.to_string();
  // A trusted proxy's connections are capped per client once the request names it.
  const bool proxy = !addr_ec && ctx_.limits.trusted_proxies.trusts(peer);
  auto [verdict, ticket] = limiter_.admit(address, !proxy);
  if (verdict == ConnectionLimiter::Verdict::admitted) {
    std::make_shared<HttpSession>(std::move(socket), ctx_, std::move(ticket))->run();
  } else {
    ctx_.log.warn(
        "connection_refused",
        {{"reason", verdict == ConnectionLimiter::Verdict::over_total ? "capacity" : "per_address"},
         {"client", address}});
    refuse(std::move(socket), verdict);
  }
  do_accept();
}

void Listener::refuse(tcp::socket socket, ConnectionLimiter::Verdict verdict) {
  const bool total = verdict == ConnectionLimiter::Verdict::over_total;
  ctx_.metrics.connections_rejected(total ? "capacity" : "per_address").inc();
  auto text = std::make_shared<std::string>(serialized_problem(
      total ? http::status::service_unavailable : http::status::too_many_requests,
      total ? "the server is at its connection limit" : "too many connections from your address"));
  auto sock = std::make_shared<tcp::socket>(std::move(socket));
  asio::async_write(*sock, asio::buffer(*text),
                    [sock, text](boost::system::error_code, std::size_t) {
                      boost::system::error_code ignored;
                      sock->shutdown(tcp::socket::shutdown_both, ignored);
                      sock->close(ignored);
                    });
}

}  // namespace backcoach::net
