#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <string_view>

#include "common/errc.h"

namespace backcoach::bench {

// Where the load generator connects: a URL resolved without DNS.
struct LoadTarget {
  enum class Api { websocket, bot };
  Api api = Api::websocket;  // ws:// speaks protocol v1, http:// the bot API
  boost::asio::ip::tcp::endpoint endpoint;
  std::string host;  // for the Host header, with the port
  std::string path;  // request target: "/v1/chat" (the upgrade), "/v1/bots/ID/messages"
};

// Parses `ws://HOST:PORT/PATH` or `http://HOST:PORT/PATH`. Only loopback hosts (127.0.0.0/8, ::1,
// localhost) are accepted: the tools in tests/bench never load anything but this machine. Fails
// with errc::invalid_argument for anything else.
result<LoadTarget> parse_target(std::string_view url);

}  // namespace backcoach::bench
