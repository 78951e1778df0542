#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace backcoach::bench {

// One connection of the floor server: the least work a protocol v1 server can do.
// Each text frame is parsed as JSON (nlohmann); a hello gets a fixed welcome, a say
// a fixed reply of the daemon's shape carrying the say's id in `re`, anything else a
// fixed error frame. No engine, no store. One read, then its write, then the next
// read: never more than one write outstanding, so no queue is needed.
//
// Lifetime: shared_ptr held by its pending operation. Thread: the server's one
// I/O thread.
class FloorSession : public std::enable_shared_from_this<FloorSession> {
 public:
  explicit FloorSession(boost::asio::ip::tcp::socket socket);
  void start();

 private:
  void on_accept(boost::system::error_code ec);
  void read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void on_write(boost::system::error_code ec, std::size_t bytes);
  std::string answer(const nlohmann::json& frame) const;

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::string out_;
};

}  // namespace backcoach::bench
