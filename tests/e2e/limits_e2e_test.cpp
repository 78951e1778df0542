// Limits that protect backcoachd from its clients: idle connections, clients that
// do not read, too many connections.
#include <sys/socket.h>

#include <string>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>

#include "e2e_env.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

std::uint64_t metric(unsigned short port, const std::string& sample) {
  const auto body = http_request(port, "GET", "/metrics").body;
  const auto at = body.find("\n" + sample + " ");
  if (at == std::string::npos) return 0;
  return std::stoull(body.substr(at + sample.size() + 2));
}

TEST(LimitsE2E, QuietClientIsClosedAfterTheIdleTimeout) {
  TempDir dir;
  // Pings every 0.9 s: Beast drops a peer silent for two intervals, so a test client starved
  // of CPU on a loaded machine (CI runs tests in parallel) is not cut off before the idle close.
  auto daemon = start_daemon(dir, {"--idle-timeout", "1", "--ping-interval", "0.9"});
  ASSERT_NE(daemon, nullptr);
  WsClient ws(daemon->port());
  ws.hello();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(ws.wait_close(), 1000u);  // normal closure, reason "idle"
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900));
}

TEST(LimitsE2E, ClientThatDoesNotReadIsDropped) {
  TempDir dir;
  auto daemon = start_daemon(dir, {"--send-queue-frames", "4", "--rate-limit-messages", "1000000"});
  ASSERT_NE(daemon, nullptr);
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws(ioc);
  auto& sock = beast::get_lowest_layer(ws).socket();
  sock.open(asio::ip::tcp::v4());
  sock.set_option(asio::socket_base::receive_buffer_size(4096));
  sock.connect({asio::ip::make_address("127.0.0.1"), daemon->port()});
  ws.handshake("127.0.0.1", "/v1/chat");
  ws.text(true);
  beast::error_code ec;
  // Every frame is answered with an error frame that this client never reads.
  for (int i = 0; i < 200000 && !ec; ++i) ws.write(asio::buffer(std::string("x")), ec);
  // The daemon gave up on this client and is fine for others.
  EXPECT_GE(metric(daemon->port(), "backcoach_slow_clients_dropped_total"), 1u);
  WsClient other(daemon->port());
  EXPECT_EQ(other.hello()["type"], "welcome");
}

TEST(LimitsE2E, ConnectionsPerAddressAreCapped) {
  TempDir dir;
  auto daemon = start_daemon(dir, {"--max-connections-per-address", "2"});
  ASSERT_NE(daemon, nullptr);
  WsClient a(daemon->port());
  WsClient b(daemon->port());
  ASSERT_TRUE(a.connected() && b.connected());
  WsClient c(daemon->port());
  EXPECT_FALSE(c.connected());
  EXPECT_EQ(c.refused_status(), 429u);
}

TEST(LimitsE2E, NewConversationsPerAddressAreLimitedButReturningPeopleAreNot) {
  TempDir dir;
  auto daemon = start_daemon(dir, {"--rate-limit-new-users", "3"});
  ASSERT_NE(daemon, nullptr);
  std::vector<std::string> codes;
  std::string token;
  for (int i = 0; i < 6; ++i) {
    WsClient ws(daemon->port());
    const auto frame = ws.hello();
    codes.push_back(frame["type"] == "welcome" ? "welcome" : frame.value("code", "?"));
    if (token.empty() && frame["type"] == "welcome") token = frame["token"];
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"welcome", "welcome", "welcome", "rate_limited",
                                             "rate_limited", "rate_limited"}));
  WsClient back(daemon->port());
  const auto welcome = back.hello(token);
  EXPECT_EQ(welcome["type"], "welcome") << welcome.dump();
  EXPECT_TRUE(welcome["resumed"].get<bool>());
  EXPECT_EQ(metric(daemon->port(), "backcoach_users_created_total"), 3u);
}

}  // namespace
}  // namespace backcoach::e2e
