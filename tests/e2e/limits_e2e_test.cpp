// Limits that protect backcoachd from its clients: idle connections, clients that
// do not read, too many connections.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <memory>
#include <string>
#include <vector>

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

// Behind a trusted proxy (here: whatever connects from 127.0.0.1) the client is the one
// X-Real-IP names; a peer that is not trusted (127.0.0.2, also this machine) is itself,
// whatever it writes in the header.
WsConnect via(const std::string& from, const std::string& real_ip) {
  WsConnect how;
  how.from = from;
  if (!real_ip.empty()) how.headers["X-Real-IP"] = real_ip;
  return how;
}

std::string started(unsigned short port, const WsConnect& how) {
  WsClient ws(port, how);
  if (!ws.connected()) return "refused " + std::to_string(ws.refused_status());
  const auto frame = ws.hello();
  return frame["type"] == "welcome" ? "welcome" : frame.value("code", "?");
}

TEST(LimitsE2E, NewConversationsBehindATrustedProxyAreLimitedPerRealClient) {
  TempDir dir;
  auto daemon = start_daemon(dir, {"--rate-limit-new-users", "2", "--trusted-proxy", "127.0.0.1"});
  ASSERT_NE(daemon, nullptr);
  const auto port = daemon->port();
  const auto alice = via("127.0.0.1", "198.51.100.1");
  const auto bob = via("127.0.0.1", "198.51.100.2");
  // Alice's two new conversations use up her limit, on separate connections.
  EXPECT_EQ(started(port, alice), "welcome");
  EXPECT_EQ(started(port, alice), "welcome");
  EXPECT_EQ(started(port, alice), "rate_limited");
  // Bob comes through the same proxy and has his own.
  EXPECT_EQ(started(port, bob), "welcome");
  EXPECT_EQ(started(port, bob), "welcome");
  EXPECT_EQ(started(port, bob), "rate_limited");
  // A client that is not the proxy cannot make itself a new address per request.
  int forged = 0;
  for (const char* expected : {"welcome", "welcome", "rate_limited", "rate_limited"}) {
    EXPECT_EQ(started(port, via("127.0.0.2", "203.0.113." + std::to_string(++forged))), expected);
  }
  EXPECT_EQ(metric(port, "backcoach_users_created_total"), 6u);
  // The log names the client whose limit was reached, not the proxy.
  EXPECT_TRUE(daemon->wait_for_log(R"("client":"198.51.100.1")", std::chrono::seconds(5)));
  EXPECT_NE(daemon->log().find(R"("client":"127.0.0.2")"), std::string::npos);
  EXPECT_EQ(daemon->log().find("203.0.113."), std::string::npos);
}

TEST(LimitsE2E, ConnectionsBehindATrustedProxyAreCappedPerRealClient) {
  TempDir dir;
  auto daemon =
      start_daemon(dir, {"--max-connections-per-address", "2", "--trusted-proxy", "127.0.0.0/30"});
  ASSERT_NE(daemon, nullptr);
  const auto port = daemon->port();
  std::vector<std::unique_ptr<WsClient>> open;
  const auto connect = [&](const WsConnect& how) {
    open.push_back(std::make_unique<WsClient>(port, how));
    return open.back()->connected() ? 0u : open.back()->refused_status();
  };
  // The proxy holds five connections; only each client's count is capped.
  EXPECT_EQ(connect(via("127.0.0.1", "198.51.100.1")), 0u);
  EXPECT_EQ(connect(via("127.0.0.1", "198.51.100.1")), 0u);
  EXPECT_EQ(connect(via("127.0.0.1", "198.51.100.1")), 429u);
  EXPECT_EQ(connect(via("127.0.0.1", "198.51.100.2")), 0u);
  EXPECT_EQ(connect(via("127.0.0.1", "2001:db8::7")), 0u);
  EXPECT_EQ(connect(via("127.0.0.1", "2001:db8::7")), 0u);
  EXPECT_EQ(connect(via("127.0.0.1", "2001:db8::7")), 429u);
  // Untrusted: the forged header changes nothing.
  EXPECT_EQ(connect(via("127.0.0.5", "198.51.100.3")), 0u);
  EXPECT_EQ(connect(via("127.0.0.5", "198.51.100.4")), 0u);
  EXPECT_EQ(connect(via("127.0.0.5", "198.51.100.5")), 429u);
  for (const auto& ws : open) {
    if (ws->connected()) {
      EXPECT_EQ(ws->hello()["type"], "welcome");
    }
  }
  EXPECT_EQ(metric(port, R"(backcoach_connections_rejected_total{reason="per_address"})"), 3u);
}

}  // namespace
}  // namespace backcoach::e2e
