#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <boost/beast/http/fields.hpp>
#include <string>
#include <vector>

#include "common/errc.h"

namespace backcoach::net {

// The reverse proxies whose word on a client's address the daemon takes: single
// addresses ("127.0.0.1", "::1") or CIDR ranges ("10.0.0.0/8", "fd00::/8").
// A default-constructed set trusts nobody. Immutable; any thread.
class TrustedProxies {
 public:
  TrustedProxies() = default;

  // Each spec an address or address/prefix, as Boost.Asio reads them. On a bad
  // spec, errc::invalid_argument and `why` names it.
  static result<TrustedProxies> parse(const std::vector<std::string>& specs, std::string* why);

  bool trusts(const boost::asio::ip::address& address) const;
  bool empty() const { return v4_.empty() && v6_.empty(); }

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

// An IPv4-mapped IPv6 address (::ffff:a.b.c.d, what a dual-stack socket reports for
// an IPv4 peer) as the IPv4 address it is; any other address unchanged.
boost::asio::ip::address canonical(const boost::asio::ip::address& address);

// The address the per-address limits count for a request that arrived over a TCP
// connection from `peer`:
// - from a peer that is not a trusted proxy: the peer, whatever the headers say
//   (a client cannot choose its own address);
// - from a trusted proxy: `X-Real-IP` when it is there once and is an address;
//   else the right-most entry of `X-Forwarded-For` that is not a trusted proxy
//   (walking right to left, stopping at an entry that is not an address, which
//   leaves the last good one); else the peer.
// Entries with a port ("1.2.3.4:80") are not addresses. Results are canonical().
boost::asio::ip::address client_address(const TrustedProxies& proxies,
                                        const boost::asio::ip::address& peer,
                                        const boost::beast::http::fields& headers);

}  // namespace backcoach::net
