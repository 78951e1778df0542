#include "outbound/https_client.h"

#include <openssl/ssl.h>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <utility>

#include "outbound/exchange.h"
#include "outbound/target.h"

namespace backcoach::outbound {

namespace ssl = boost::asio::ssl;

result<std::unique_ptr<HttpsClient>> HttpsClient::create(boost::asio::any_io_executor executor,
                                                         ClientOptions options) {
  ssl::context tls(ssl::context::tls_client);
  boost::system::error_code ec;
  tls.set_default_verify_paths(ec);
  if (ec) return ec;
  if (!options.extra_ca_file.empty()) {
    tls.load_verify_file(options.extra_ca_file, ec);
    if (ec) return make_error_code(errc::invalid_argument);
  }
  SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
  tls.set_verify_mode(ssl::verify_peer);
  return std::unique_ptr<HttpsClient>(
      new HttpsClient(std::move(executor), std::move(options), std::move(tls)));
}

HttpsClient::HttpsClient(boost::asio::any_io_executor executor, ClientOptions options,
                         ssl::context tls)
    : executor_(std::move(executor)), options_(std::move(options)), tls_(std::move(tls)) {}

void HttpsClient::request(Request request, Completion done) {
  auto strand = boost::asio::make_strand(executor_);
  auto target = parse_target(request.url);
  if (!target) {
    boost::asio::post(strand, [done = std::move(done), ec = target.error()] { done(ec, {}); });
    return;
  }
  const detail::Limits limits{options_.connect_timeout,
                              request.total_timeout.value_or(options_.total_timeout),
                              options_.body_limit};
  if (!target->tls) {
    std::make_shared<detail::Exchange<detail::PlainStream>>(detail::PlainStream(strand),
                                                            std::move(*target), std::move(request),
                                                            limits, std::move(done))
        ->start();
    return;
  }
  detail::TlsStream stream(strand, tls_);
  if (auto ec = detail::prepare_tls(stream, target->host)) {
    boost::asio::post(strand, [done = std::move(done), ec] { done(ec, {}); });
    return;
  }
  std::make_shared<detail::Exchange<detail::TlsStream>>(std::move(stream), std::move(*target),
                                                        std::move(request), limits, std::move(done))
      ->start();
}

}  // namespace backcoach::outbound
