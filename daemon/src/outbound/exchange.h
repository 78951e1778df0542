#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>

#include "outbound/https_client.h"
#include "outbound/target.h"

// Internal to outbound/: one request on one connection. Not for other modules.
namespace backcoach::outbound::detail {

struct Limits {
  std::chrono::milliseconds connect_timeout;
  std::chrono::milliseconds total_timeout;
  std::size_t body_limit;
};

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// Sets SNI (for a name) and the name or IP address the certificate must carry, and turns
// peer verification on. A system error when OpenSSL refuses the name.
boost::system::error_code prepare_tls(TlsStream& stream, const std::string& host);

// resolve -> connect -> (TLS handshake) -> write -> read -> done, each step a do_/on_ pair
// on the stream's strand. Owns itself through shared_from_this until `done` has run.
template <class Stream>
class Exchange : public std::enable_shared_from_this<Exchange<Stream>> {
 public:
  Exchange(Stream stream, Target target, Request request, Limits limits, Completion done);
  void start();

 private:
  void on_resolve(boost::system::error_code ec,
                  const boost::asio::ip::tcp::resolver::results_type& endpoints);
  void on_connect(boost::system::error_code ec);
  void on_handshake(boost::system::error_code ec);
  void do_write();
  void on_write(boost::system::error_code ec);
  void on_read(boost::system::error_code ec);
  void finish(boost::system::error_code ec);
  boost::system::error_code handshake_failure(boost::system::error_code ec);

  Stream stream_;
  boost::asio::ip::tcp::resolver resolver_;
  Target target_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  boost::beast::http::response_parser<boost::beast::http::string_body> parser_;
  boost::beast::flat_buffer buffer_;
  Limits limits_;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::steady_clock::time_point connect_deadline_;
  Completion done_;
};

extern template class Exchange<PlainStream>;
extern template class Exchange<TlsStream>;

}  // namespace backcoach::outbound::detail
