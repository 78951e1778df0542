#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "common/errc.h"
#include "net/connection_limiter.h"
#include "net/server_context.h"

namespace backcoach::net {

// Accepts TCP connections, each on a new strand, and starts an HttpSession for
// it, or refuses it (503 over the total cap, 429 over the per-address cap) with
// a problem response written straight to the socket.
// Owned by a shared_ptr (the Server's and its pending accept's).
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& ioc, ServerContext& ctx, ConnectionLimiter& limiter);

  // Binds and listens; the returned endpoint carries the port chosen for port 0.
  result<boost::asio::ip::tcp::endpoint> open(const boost::asio::ip::tcp::endpoint& at);
  void start();
  // Stops accepting and closes the listening socket. Any thread.
  void stop();

 private:
  void do_accept();
  void on_accept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);
  void refuse(boost::asio::ip::tcp::socket socket, ConnectionLimiter::Verdict verdict);

  boost::asio::io_context& ioc_;
  ServerContext& ctx_;
  ConnectionLimiter& limiter_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;  // after EMFILE and the like
};

}  // namespace backcoach::net
