#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/connection_limiter.h"
#include "net/problem.h"
#include "net/protocol.h"
#include "net/rate_limiter.h"
#include "net/server_context.h"
#include "net/session_registry.h"

namespace backcoach::net {

// One chat connection speaking protocol v1 (docs/protocol.md).
//
// Lives on its own strand (the socket's executor); every member is touched only
// there. Service results arrive on other threads and are posted back here. One
// write is outstanding at a time; frames wait in a bounded queue, and a client
// that lets the queue fill is dropped. Frames over the size limit are read and
// discarded (answered with `too_large`) so the connection stays usable.
// Owned by the shared_ptrs of its pending operations.
class WsSession : public Session, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(boost::asio::ip::tcp::socket socket, ServerContext& ctx,
            ConnectionLimiter::Ticket ticket);
  ~WsSession() override;

  // Completes the upgrade `req` asked for, then reads frames until closed.
  void run(Request req);
  void shutdown() override;
  void abort() override;
  void push(const std::string& user_id, std::shared_ptr<const std::string> frame) override;

 private:
  using Ws = boost::beast::websocket::stream<boost::beast::tcp_stream>;

  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void on_frame();
  void on_hello(HelloFrame hello);
  void on_say(SayFrame say);
  void on_welcome(service::ServiceResult<service::Welcome> result);
  void on_reply(const std::string& id, service::ServiceResult<service::TurnReply> result);
  void send_error(ErrorCode code, const std::optional<std::string>& re, std::string_view message);
  void send(std::string frame);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void arm_idle_timer();
  void maybe_close();
  void do_close(boost::beast::websocket::close_code code, std::string_view reason);
  void drop();

  Ws ws_;
  boost::beast::flat_buffer buffer_;
  ServerContext& ctx_;
  ConnectionLimiter::Ticket ticket_;
  RateLimiter rate_;
  boost::asio::steady_timer idle_timer_;
  SessionRegistry::Id registry_id_ = 0;

  std::deque<std::string> queue_;  // frames to send; front() is being written
  bool writing_ = false;
  bool oversize_ = false;            // discarding the rest of a too large frame
  std::optional<std::string> user_;  // set by a welcome
  std::string time_zone_;            // the client's, from its last hello or say
  bool hello_pending_ = false;
  std::vector<SayFrame> early_says_;  // said before the welcome arrived
  int in_flight_ = 0;                 // service calls not answered yet
  bool draining_ = false;             // shutting down once in-flight work is written
  bool closing_ = false;              // close frame sent or socket dropped
};

}  // namespace backcoach::net
