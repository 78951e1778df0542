#include "outbound/target.h"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <utility>

#include "outbound/outbound_error.h"

namespace backcoach::outbound {
namespace {

bool is_loopback_literal(const std::string& host) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

}  // namespace

boost::system::result<Target> parse_target(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return make_error_code(error::bad_url);
  const auto& u = *parsed;
  const auto scheme = u.scheme_id();
  if (scheme != boost::urls::scheme::https && scheme != boost::urls::scheme::http) {
    return make_error_code(error::bad_url);
  }
  if (!u.has_authority() || u.host_address().empty() || u.has_userinfo()) {
    return make_error_code(error::bad_url);
  }
  Target t;
  t.tls = scheme == boost::urls::scheme::https;
  t.host = u.host_address();
  if (!t.tls && !is_loopback_literal(t.host)) return make_error_code(error::insecure_url);
  t.port = u.has_port() ? std::string(u.port()) : (t.tls ? "443" : "80");
  t.host_header = u.encoded_host_and_port();
  t.path_and_query = u.encoded_target();
  if (t.path_and_query.empty() || t.path_and_query.front() != '/') {
    // Built piece by piece: GCC 12 at -O2 warns (-Wrestrict, a false positive) on insert(0, "/").
    std::string rooted(1, '/');
    rooted += t.path_and_query;
    t.path_and_query = std::move(rooted);
  }
  return t;
}

}  // namespace backcoach::outbound
