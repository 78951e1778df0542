#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <memory>
#include <optional>

#include "net/connection_limiter.h"
#include "net/problem.h"
#include "net/server_context.h"
#include "net/session_registry.h"

namespace backcoach::net {

// One HTTP/1.1 connection: reads requests one at a time (header ≤ 8 KiB → 431,
// body ≤ 64 KiB → 413, a deadline per request), hands them to the HttpApi, and
// turns a `GET /v1/chat` Upgrade from an allowed Origin into a WsSession (others
// get 403). Lives on its own strand (the socket's executor); owned by the
// shared_ptrs of its pending operations.
class HttpSession : public Session, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, ServerContext& ctx,
              ConnectionLimiter::Ticket ticket);
  ~HttpSession() override;

  void run();
  void shutdown() override;
  void abort() override;

 private:
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void upgrade(Request req);
  // Moves the connection's ticket to the request's client address; false over its cap.
  bool count_for_client(const Request& req);
  void send(Response res);
  void on_write(bool close, boost::beast::error_code ec, std::size_t bytes);
  void do_close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  ServerContext& ctx_;
  ConnectionLimiter::Ticket ticket_;
  SessionRegistry::Id registry_id_ = 0;
  bool reading_ = false;                // waiting for a request (may be cut off by shutdown)
  bool stopping_ = false;               // close after the response in progress
  bool upgraded_ = false;               // the socket now belongs to a WsSession
  std::shared_ptr<Response> response_;  // kept alive while written
};

}  // namespace backcoach::net
