#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/errc.h"

namespace backcoach::outbound {

struct ClientOptions {
  // Trusted besides the system CA store (set_default_verify_paths). Tests put their own
  // CA here; production leaves it empty.
  std::string extra_ca_file;
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};  // TCP + TLS handshake
  std::chrono::milliseconds total_timeout{std::chrono::seconds(30)};    // whole exchange
  std::size_t body_limit = 1024 * 1024;                                 // answer's body, bytes
};

struct Request {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string url;           // https://… anywhere, http://… to a loopback IP only (target.h)
  std::string content_type;  // sent with the body when not empty
  std::string body;
  // Overrides ClientOptions::total_timeout (a long poll waits longer than a send).
  std::optional<std::chrono::milliseconds> total_timeout;
  // Further header fields, sent as given (a signature, an idempotency key). Host,
  // User-Agent, Content-Type and Content-Length are the client's own.
  std::vector<std::pair<std::string, std::string>> headers = {};
};

struct Response {
  unsigned status = 0;
  std::string content_type;
  std::string body;
  std::string retry_after = {};  // the Retry-After header's value; empty when there was none
};

// Called exactly once, never from inside request(). `ec` is set when no complete HTTP
// answer came back: outbound::error (bad or insecure URL, certificate untrusted, host name
// mismatch, timeouts, body too large) or a socket error. Any HTTP status is a success here.
using Completion = std::function<void(boost::system::error_code ec, Response response)>;

// An HTTPS client for calls the daemon makes (Telegram, bot callbacks). Each request has its
// own connection and its own strand made from the executor given at construction; the
// completion runs on that strand (when the executor is itself a strand, on it). TLS 1.2+,
// the peer's chain verified against the system store (+ extra_ca_file) and its name against
// the URL's host (RFC 6125 via OpenSSL; an IP literal must be in the certificate's IP SANs).
// The client never logs: a URL may hold a secret. Thread-safe; must outlive its requests.
class HttpsClient {
 public:
  // Loads the trust store; errc::invalid_argument (with nothing else said) when
  // extra_ca_file cannot be read as PEM certificates.
  static result<std::unique_ptr<HttpsClient>> create(boost::asio::any_io_executor executor,
                                                     ClientOptions options);

  void request(Request request, Completion done);

  const ClientOptions& options() const { return options_; }

 private:
  HttpsClient(boost::asio::any_io_executor executor, ClientOptions options,
              boost::asio::ssl::context tls);

  boost::asio::any_io_executor executor_;
  ClientOptions options_;
  boost::asio::ssl::context tls_;
};

}  // namespace backcoach::outbound
