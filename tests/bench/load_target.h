#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <string_view>

#include "common/errc.h"

namespace backcoach::bench {

// Where the load generator connects: a ws:// URL resolved without DNS.
struct LoadTarget {
  boost::asio::ip::tcp::endpoint endpoint;
  std::string host;  // for the Host header, with the port
  std::string path;  // request target of the upgrade, e.g. "/v1/chat"
};

// Parses `ws://HOST:PORT/PATH`. Only loopback hosts (127.0.0.0/8, ::1, localhost)
// are accepted: the tools in tests/bench never load anything but this machine.
// Fails with errc::invalid_argument for anything else.
result<LoadTarget> parse_target(std::string_view url);

}  // namespace backcoach::bench
