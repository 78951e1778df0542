#include "outbound/exchange.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <type_traits>
#include <utility>

#include "outbound/outbound_error.h"

namespace backcoach::outbound::detail {

namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {

constexpr bool kTls(const TlsStream*) { return true; }
constexpr bool kTls(const PlainStream*) { return false; }

error_code openssl_error() {
  return {static_cast<int>(::ERR_get_error()), boost::asio::error::get_ssl_category()};
}

}  // namespace

// OpenSSL's own host check (X509_VERIFY_PARAM) rather than asio's host_name_verification
// callback: the checks are the same (X509_check_host / X509_check_ip), but with the callback
// OpenSSL cannot say why it refused, and a caller must tell "wrong host" from "untrusted".
error_code prepare_tls(TlsStream& stream, const std::string& host) {
  SSL* ssl = stream.native_handle();
  error_code ec;
  boost::asio::ip::make_address(host, ec);
  const bool is_ip = !ec;
  if (is_ip) {
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) != 1) {
      return openssl_error();
    }
  } else {
    // SSL_set_tlsext_host_name() is this call behind a macro with an old-style cast.
    if (SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(host.c_str())) != 1) {
      return openssl_error();
    }
    if (SSL_set1_host(ssl, host.c_str()) != 1) return openssl_error();
  }
  stream.set_verify_mode(boost::asio::ssl::verify_peer, ec);
  return ec;
}

template <class Stream>
Exchange<Stream>::Exchange(Stream stream, Target target, Request request, Limits limits,
                           Completion done)
    : stream_(std::move(stream)),
      resolver_(stream_.get_executor()),
      target_(std::move(target)),
      limits_(limits),
      done_(std::move(done)) {
  request_.method(request.method);
  request_.target(target_.path_and_query);
  for (const auto& [name, value] : request.headers) request_.set(name, value);  // ours win
  request_.set(http::field::host, target_.host_header);
  request_.set(http::field::user_agent, "backcoach");
  if (!request.content_type.empty()) {
    request_.set(http::field::content_type, request.content_type);
  }
  request_.body() = std::move(request.body);
  request_.prepare_payload();
  parser_.body_limit(limits_.body_limit);
}

template <class Stream>
void Exchange<Stream>::start() {
  const auto now = Clock::now();
  deadline_ = now + limits_.total_timeout;
  connect_deadline_ = std::min(deadline_, now + limits_.connect_timeout);
  resolver_.async_resolve(target_.host, target_.port,
                          [self = this->shared_from_this()](error_code ec, const auto& endpoints) {
                            self->on_resolve(ec, endpoints);
                          });
}

template <class Stream>
void Exchange<Stream>::on_resolve(error_code ec,
                                  const boost::asio::ip::tcp::resolver::results_type& endpoints) {
  if (ec) return finish(ec);
  auto& tcp = beast::get_lowest_layer(stream_);
  tcp.expires_at(connect_deadline_);
  tcp.async_connect(endpoints, [self = this->shared_from_this()](error_code e, const auto&) {
    self->on_connect(e);
  });
}

template <class Stream>
void Exchange<Stream>::on_connect(error_code ec) {
  if (ec == beast::error::timeout) return finish(error::connect_timeout);
  if (ec) return finish(ec);
  if constexpr (kTls(static_cast<Stream*>(nullptr))) {
    beast::get_lowest_layer(stream_).expires_at(connect_deadline_);
    stream_.async_handshake(
        boost::asio::ssl::stream_base::client,
        [self = this->shared_from_this()](error_code e) { self->on_handshake(e); });
  } else {
    do_write();
  }
}

template <class Stream>
void Exchange<Stream>::on_handshake(error_code ec) {
  if (ec) return finish(handshake_failure(ec));
  do_write();
}

// The verify result names the reason the handshake error code only hints at.
template <class Stream>
error_code Exchange<Stream>::handshake_failure(error_code ec) {
  if (ec == beast::error::timeout) return error::connect_timeout;
  if constexpr (kTls(static_cast<Stream*>(nullptr))) {
    const long verdict = SSL_get_verify_result(stream_.native_handle());
    if (verdict == X509_V_ERR_HOSTNAME_MISMATCH || verdict == X509_V_ERR_IP_ADDRESS_MISMATCH) {
      return error::host_name_mismatch;
    }
    if (verdict != X509_V_OK) return error::certificate_untrusted;
  }
  return ec;
}

template <class Stream>
void Exchange<Stream>::do_write() {
  beast::get_lowest_layer(stream_).expires_at(deadline_);
  http::async_write(
      stream_, request_,
      [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_write(ec); });
}

template <class Stream>
void Exchange<Stream>::on_write(error_code ec) {
  if (ec) return finish(ec == beast::error::timeout ? error_code(error::timeout) : ec);
  http::async_read(
      stream_, buffer_, parser_,
      [self = this->shared_from_this()](error_code e, std::size_t) { self->on_read(e); });
}

template <class Stream>
void Exchange<Stream>::on_read(error_code ec) {
  if (ec == beast::error::timeout) return finish(error::timeout);
  if (ec == http::error::body_limit) return finish(error::body_too_large);
  finish(ec);
}

// One connection per request: no TLS close_notify is awaited, the socket is just closed
// (the answer was framed by its length, so nothing can be cut off unnoticed).
template <class Stream>
void Exchange<Stream>::finish(error_code ec) {
  error_code ignored;
  beast::get_lowest_layer(stream_).socket().close(ignored);
  Response response;
  if (!ec) {
    auto& message = parser_.get();
    response.status = message.result_int();
    response.content_type = std::string(message[http::field::content_type]);
    response.retry_after = std::string(message[http::field::retry_after]);
    response.body = std::move(message.body());
  }
  auto done = std::move(done_);
  done(ec, std::move(response));
}

template class Exchange<PlainStream>;
template class Exchange<TlsStream>;

}  // namespace backcoach::outbound::detail
