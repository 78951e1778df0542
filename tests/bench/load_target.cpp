#include "load_target.h"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace backcoach::bench {

result<LoadTarget> parse_target(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return parsed.error();
  const boost::urls::url_view& u = *parsed;
  const bool ws = u.scheme() == "ws";
  if ((!ws && u.scheme() != "http") || !u.has_port()) {
    return make_error_code(errc::invalid_argument);
  }

  std::string host = u.host_address();  // brackets already stripped for IPv6
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return ec;
  if (!address.is_loopback()) return make_error_code(errc::invalid_argument);

  LoadTarget target;
  target.api = ws ? LoadTarget::Api::websocket : LoadTarget::Api::bot;
  target.endpoint = {address, u.port_number()};
  target.host = std::string(u.encoded_host_and_port());
  target.path = u.encoded_path().empty() ? "/" : std::string(u.encoded_path());
  return target;
}

}  // namespace backcoach::bench
