#include "net/client_address.h"

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <optional>
#include <string_view>

namespace backcoach::net {

namespace ip = boost::asio::ip;

namespace {

std::optional<ip::address> address_of(std::string_view text) {
  std::string trimmed = boost::algorithm::trim_copy(std::string(text));
  boost::system::error_code ec;
  const auto address = ip::make_address(trimmed, ec);
  if (ec) return std::nullopt;
  return canonical(address);
}

// A bare address is a network of its full length; "a/n" a range. make_network_v4
// refuses a v6 text and the other way round, so trying both is exact.
bool add_spec(const std::string& spec, std::vector<ip::network_v4>& v4,
              std::vector<ip::network_v6>& v6) {
  boost::system::error_code ec;
  if (spec.find('/') == std::string::npos) {
    const auto address = address_of(spec);
    if (!address) return false;
    if (address->is_v4()) v4.emplace_back(address->to_v4(), 32);
    if (address->is_v6()) v6.emplace_back(address->to_v6(), 128);
    return true;
  }
  const auto net4 = ip::make_network_v4(spec, ec);
  if (!ec) {
    v4.push_back(net4.canonical());
    return true;
  }
  ec.clear();
  const auto net6 = ip::make_network_v6(spec, ec);
  if (ec) return false;
  v6.push_back(net6.canonical());
  return true;
}

std::optional<ip::address> real_ip(const boost::beast::http::fields& headers) {
  if (headers.count("X-Real-IP") != 1) return std::nullopt;
  return address_of(headers["X-Real-IP"]);
}

ip::address right_most_untrusted(const TrustedProxies& proxies, const ip::address& peer,
                                 const boost::beast::http::fields& headers) {
  // Several X-Forwarded-For lines are one list in their order (RFC 9110 §5.3).
  std::vector<std::string> entries;
  const auto [first, last] = headers.equal_range("X-Forwarded-For");
  for (auto field = first; field != last; ++field) {
    std::vector<std::string> parts;
    boost::algorithm::split(parts, std::string(field->value()), boost::algorithm::is_any_of(","));
    entries.insert(entries.end(), parts.begin(), parts.end());
  }
  ip::address found = peer;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const auto address = address_of(*it);
    if (!address) break;
    found = *address;
    if (!proxies.trusts(found)) break;
  }
  return found;
}

}  // namespace

result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& specs,
                                             std::string* why) {
  TrustedProxies proxies;
  for (const auto& spec : specs) {
    if (!add_spec(spec, proxies.v4_, proxies.v6_)) {
      if (why != nullptr) {
        *why =
            "\"" + spec + "\" is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1)";
      }
      return errc::invalid_argument;
    }
  }
  return proxies;
}

bool TrustedProxies::trusts(const ip::address& address) const {
  const auto a = canonical(address);
  if (a.is_v4()) {
    for (const auto& net : v4_) {
      if (ip::network_v4(a.to_v4(), net.prefix_length()).network() == net.network()) return true;
    }
    return false;
  }
  for (const auto& net : v6_) {
    if (ip::network_v6(a.to_v6(), net.prefix_length()).network() == net.network()) return true;
  }
  return false;
}

ip::address canonical(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

ip::address client_address(const TrustedProxies& proxies, const ip::address& peer,
                           const boost::beast::http::fields& headers) {
  const auto from = canonical(peer);
  if (!proxies.trusts(from)) return from;
  if (const auto real = real_ip(headers)) return *real;
  return right_most_untrusted(proxies, from, headers);
}

}  // namespace backcoach::net
