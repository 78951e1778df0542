#include "net/client_address.h"

#include <gtest/gtest.h>

#include <boost/beast/http/fields.hpp>
#include <string>
#include <utility>
#include <vector>

namespace backcoach::net {
namespace {

namespace ip = boost::asio::ip;

TrustedProxies proxies(const std::vector<std::string>& specs) {
  std::string why;
  auto parsed = TrustedProxies::parse(specs, &why);
  EXPECT_TRUE(parsed) << why;
  return parsed ? *parsed : TrustedProxies{};
}

TEST(TrustedProxies, AddressesAndRangesOfBothFamilies) {
  const auto p = proxies({"127.0.0.1", "10.1.0.0/16", "::1", "fd00::/8", "192.168.5.9/24"});
  for (const char* yes :
       {"127.0.0.1", "10.1.255.3", "::1", "fd12:3456::1", "192.168.5.200", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(p.trusts(ip::make_address(yes))) << yes;
  }
  for (const char* no :
       {"127.0.0.2", "10.2.0.1", "::2", "fe80::1", "192.168.6.1", "::ffff:10.2.0.1"}) {
    EXPECT_FALSE(p.trusts(ip::make_address(no))) << no;
  }
  EXPECT_FALSE(TrustedProxies{}.trusts(ip::make_address("127.0.0.1")));
  EXPECT_TRUE(TrustedProxies{}.empty());
}

TEST(TrustedProxies, ABadSpecIsRefusedByName) {
  for (const char* bad :
       {"", "localhost", "10.0.0.0/33", "::1/129", "1.2.3.4:80", "10.0.0/8", "1.2.3.4/", "/8"}) {
    std::string why;
    EXPECT_FALSE(TrustedProxies::parse({"127.0.0.1", bad}, &why)) << bad;
    EXPECT_NE(why.find(std::string("\"") + bad + "\""), std::string::npos) << why;
  }
}

struct Case {
  const char* name;
  const char* peer;
  std::vector<std::pair<const char*, const char*>> headers;
  const char* expected;
};

// The proxies trusted in every case: nginx on loopback and a load balancer range.
class ClientAddress : public ::testing::TestWithParam<Case> {};

TEST_P(ClientAddress, IsTheOneTheLimitsShouldCount) {
  const auto& c = GetParam();
  boost::beast::http::fields headers;
  for (const auto& [name, value] : c.headers) headers.insert(name, value);
  const auto p = proxies({"127.0.0.1", "::1", "10.0.0.0/8"});
  EXPECT_EQ(client_address(p, ip::make_address(c.peer), headers).to_string(), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ClientAddress,
    ::testing::Values(
        Case{"untrusted_peer_no_headers", "203.0.113.5", {}, "203.0.113.5"},
        Case{"untrusted_peer_cannot_forge_real_ip",
             "203.0.113.5",
             {{"X-Real-IP", "198.51.100.1"}},
             "203.0.113.5"},
        Case{"untrusted_peer_cannot_forge_forwarded_for",
             "203.0.113.5",
             {{"X-Forwarded-For", "198.51.100.1"}},
             "203.0.113.5"},
        Case{"trusted_peer_real_ip", "127.0.0.1", {{"X-Real-IP", "198.51.100.1"}}, "198.51.100.1"},
        Case{"trusted_peer_real_ip_with_spaces",
             "127.0.0.1",
             {{"X-Real-IP", "  198.51.100.1 "}},
             "198.51.100.1"},
        Case{"trusted_peer_no_headers_is_the_proxy", "127.0.0.1", {}, "127.0.0.1"},
        Case{"trusted_peer_malformed_real_ip_is_ignored",
             "127.0.0.1",
             {{"X-Real-IP", "not-an-address"}},
             "127.0.0.1"},
        Case{"trusted_peer_real_ip_with_port_is_malformed",
             "127.0.0.1",
             {{"X-Real-IP", "198.51.100.1:5555"}},
             "127.0.0.1"},
        Case{"two_real_ip_lines_are_ignored",
             "127.0.0.1",
             {{"X-Real-IP", "198.51.100.1"}, {"X-Real-IP", "198.51.100.2"}},
             "127.0.0.1"},
        Case{"malformed_real_ip_falls_back_to_forwarded_for",
             "127.0.0.1",
             {{"X-Real-IP", "garbage"}, {"X-Forwarded-For", "198.51.100.7"}},
             "198.51.100.7"},
        Case{"ipv6_peer_and_client", "::1", {{"X-Real-IP", "2001:db8::42"}}, "2001:db8::42"},
        Case{"v4_mapped_peer_is_trusted_as_v4",
             "::ffff:127.0.0.1",
             {{"X-Real-IP", "198.51.100.1"}},
             "198.51.100.1"},
        Case{"v4_mapped_untrusted_peer_is_reported_as_v4", "::ffff:203.0.113.5", {}, "203.0.113.5"},
        Case{"v4_mapped_client_is_reported_as_v4",
             "127.0.0.1",
             {{"X-Real-IP", "::ffff:198.51.100.1"}},
             "198.51.100.1"},
        Case{"forwarded_for_right_most_untrusted",
             "127.0.0.1",
             {{"X-Forwarded-For", "1.1.1.1, 198.51.100.1, 10.0.0.2"}},
             "198.51.100.1"},
        Case{"forwarded_for_forged_left_entries_are_skipped",
             "127.0.0.1",
             {{"X-Forwarded-For", "6.6.6.6, 198.51.100.1"}},
             "198.51.100.1"},
        Case{"forwarded_for_over_two_lines",
             "127.0.0.1",
             {{"X-Forwarded-For", "198.51.100.1"}, {"X-Forwarded-For", "10.9.9.9"}},
             "198.51.100.1"},
        Case{"forwarded_for_all_trusted_is_the_left_most",
             "10.0.0.1",
             {{"X-Forwarded-For", "10.0.0.3, 10.0.0.2"}},
             "10.0.0.3"},
        Case{"forwarded_for_stops_at_a_malformed_entry",
             "127.0.0.1",
             {{"X-Forwarded-For", "198.51.100.1, unknown, 10.0.0.2"}},
             "10.0.0.2"},
        Case{"forwarded_for_malformed_last_entry_is_the_peer",
             "127.0.0.1",
             {{"X-Forwarded-For", "198.51.100.1, ,"}},
             "127.0.0.1"},
        Case{
            "forwarded_for_ipv6", "::1", {{"X-Forwarded-For", "2001:db8::1, ::1"}}, "2001:db8::1"}),
    [](const ::testing::TestParamInfo<Case>& param_info) {
      return std::string(param_info.param.name);
    });

}  // namespace
}  // namespace backcoach::net
