#include "net/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "net/client_address.h"
#include "net/http_api.h"
#include "net/ws_session.h"

namespace backcoach::net {

namespace beast = boost::beast;

HttpSession::HttpSession(boost::asio::ip::tcp::socket socket, ServerContext& ctx,
                         ConnectionLimiter::Ticket ticket)
    : stream_(std::move(socket)), ctx_(ctx), ticket_(std::move(ticket)) {
  ctx_.metrics.connections_accepted(false).inc();
  ctx_.metrics.connections_open(false).add(1);
}

HttpSession::~HttpSession() {
  ctx_.metrics.connections_open(false).add(-1);
  if (registry_id_ != 0) ctx_.sessions.remove(registry_id_);
}

void HttpSession::run() {
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->registry_id_ = self->ctx_.sessions.add(self->weak_from_this());
    self->do_read();
  });
}

void HttpSession::shutdown() {
  boost::asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    // An idle keep-alive connection is closed now; a busy one after its response.
    if (self->reading_ && !self->upgraded_) self->stream_.cancel();
  });
}

void HttpSession::abort() {
  boost::asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    if (!self->upgraded_) self->stream_.close();
  });
}

void HttpSession::do_read() {
  if (stopping_) return do_close();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(ctx_.limits.http_header_limit));
  parser_->body_limit(ctx_.limits.http_body_limit);
  stream_.expires_after(ctx_.limits.http_timeout);
  reading_ = true;
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  reading_ = false;
  if (ec == http::error::body_limit) {
    stopping_ = true;
    return send(problem(http::status::payload_too_large, "request body is over the limit"));
  }
  if (ec == http::error::header_limit) {
    stopping_ = true;
    return send(problem(http::status::request_header_fields_too_large,
                        "request headers are over the limit"));
  }
  if (ec) return do_close();  // end of stream, timeout, shutdown, garbage
  Request req = parser_->release();
  if (boost::beast::websocket::is_upgrade(req)) return upgrade(std::move(req));
  if (ctx_.draining.load()) stopping_ = true;
  ctx_.api.handle(req, [self = shared_from_this()](Response res) {
    boost::asio::post(self->stream_.get_executor(),
                      [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
  });
}

void HttpSession::upgrade(Request req) {
  if (!ctx_.api.websocket_endpoint(path_of(req.target()))) {
    stopping_ = true;
    return send(problem(http::status::not_found, "no WebSocket endpoint here", req.version()));
  }
  const auto origin = req.find(http::field::origin);
  const std::string_view origin_value =
      origin == req.end() ? std::string_view() : std::string_view(origin->value());
  if (!ctx_.origins.allows(origin_value)) {
    ctx_.metrics.connections_rejected("origin").inc();
    stopping_ = true;
    return send(
        problem(http::status::forbidden, "this page's origin may not use the chat", req.version()));
  }
  if (ctx_.draining.load()) {
    stopping_ = true;
    return send(problem(http::status::service_unavailable, "shutting down", req.version()));
  }
  if (!count_for_client(req)) {
    stopping_ = true;
    return send(problem(http::status::too_many_requests, "too many connections from your address",
                        req.version()));
  }
  upgraded_ = true;
  stream_.expires_never();
  std::make_shared<WsSession>(stream_.release_socket(), ctx_, std::move(ticket_))
      ->run(std::move(req));
}

// A WebSocket holds its connection for long: from here on it counts for its client,
// which differs from the TCP peer only behind a trusted proxy.
bool HttpSession::count_for_client(const Request& req) {
  boost::system::error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec).address();
  if (ec) return true;  // counted under "?" at accept, as before
  const auto client = client_address(ctx_.limits.trusted_proxies, peer, req).to_string();
  if (ctx_.connections.move(ticket_, client) == ConnectionLimiter::Verdict::admitted) return true;
  ctx_.metrics.connections_rejected("per_address").inc();
  ctx_.log.warn("connection_refused", {{"reason", "per_address"}, {"client", client}});
  return false;
}

void HttpSession::send(Response res) {
  const bool close = stopping_ || !res.keep_alive();
  res.keep_alive(!close);
  ctx_.metrics.http_responses(static_cast<unsigned>(res.result_int())).inc();
  response_ = std::make_shared<Response>(std::move(res));
  stream_.expires_after(ctx_.limits.http_timeout);
  http::async_write(stream_, *response_,
                    [self = shared_from_this(), close](beast::error_code ec, std::size_t n) {
                      self->on_write(close, ec, n);
                    });
}

void HttpSession::on_write(bool close, beast::error_code ec, std::size_t) {
  response_.reset();
  if (ec || close) return do_close();
  do_read();
}

void HttpSession::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
  stream_.close();
}

}  // namespace backcoach::net
