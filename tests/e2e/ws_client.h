#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace backcoach::e2e {

// How a WsClient connects, beyond the port.
struct WsConnect {
  std::string origin;  // the Origin header, when not empty
  std::string host;    // the Host header (default 127.0.0.1:port)
  std::string from;    // the local address to connect from (127.0.0.2, ...); default: any
  std::map<std::string, std::string> headers;  // more headers of the upgrade request
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
};

// A blocking WebSocket client for tests, speaking protocol v1 to 127.0.0.1:port.
// Every wait is bounded by `timeout`; a failure throws std::runtime_error (a
// test failure with the reason). Not thread-safe.
class WsClient {
 public:
  // Connects and upgrades. `origin` is sent as the Origin header when not empty, and
  // `host` as the Host header (default 127.0.0.1:port), as a browser that resolved
  // another name to this address would send them.
  // When the upgrade is refused, connected() is false and refused_status() says why.
  explicit WsClient(unsigned short port, std::string origin = {},
                    std::chrono::milliseconds timeout = std::chrono::seconds(10),
                    std::string host = {});
  WsClient(unsigned short port, WsConnect how);

  bool connected() const { return connected_; }
  unsigned refused_status() const { return refused_status_; }

  void send(const nlohmann::json& frame) { send_text(frame.dump()); }
  void send_text(const std::string& payload);
  void send_binary(const std::string& payload);

  // The next frame, parsed; throws on timeout or close.
  nlohmann::json receive();
  // The code of the close frame received (after receive() threw `closed`).
  unsigned close_code() const { return ws_.reason().code; }
  // Reads until the server closes; the close code, or nullopt on timeout.
  std::optional<unsigned> wait_close();

  // hello → welcome (or whatever frame came back).
  nlohmann::json hello(const std::optional<std::string>& token = std::nullopt);
  // say → the next frame.
  nlohmann::json say(const std::string& id, const std::string& text);

 private:
  template <class Op>
  void run(Op op);  // runs an async op to completion within the timeout

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::chrono::milliseconds timeout_;
  bool connected_ = false;
  unsigned refused_status_ = 0;
};

struct HttpReply {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// One HTTP/1.1 request to 127.0.0.1:port, with a bounded wait.
HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {},
                       const std::string& body = {});

// The bytes as sent (for requests no client library would send), read to the end.
std::string raw_exchange(unsigned short port, const std::string& request);

}  // namespace backcoach::e2e
