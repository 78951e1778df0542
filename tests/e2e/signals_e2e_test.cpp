// Operating backcoachd: SIGHUP reloads (and survives a broken file), SIGTERM drains.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "e2e_env.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::seconds;

// A private copy of rules/ and intents/ that a test may break.
void copy_rules(const TempDir& dir) {
  const fs::path source = BACKCOACH_SOURCE_DIR;
  fs::copy(source / "rules", dir.path() / "rules", fs::copy_options::recursive);
  fs::copy(source / "intents", dir.path() / "intents", fs::copy_options::recursive);
}

TEST(SignalsE2E, SighupWithABrokenFileKeepsServingAndLogsFileAndLine) {
  TempDir dir;
  copy_rules(dir);
  auto daemon = start_daemon(dir, {"--rules", dir.file("rules"), "--intents", dir.file("intents")});
  ASSERT_NE(daemon, nullptr);
  WsClient ws(daemon->port());
  ws.hello();
  const json before = ws.say("h1", "my lower back");
  ASSERT_EQ(before["type"], "reply");

  const auto flow = dir.path() / "rules" / "flow.yaml";
  std::ofstream(flow, std::ios::app) << "\n  broken: [unclosed\n";
  daemon->signal(SIGHUP);
  ASSERT_TRUE(daemon->wait_for_log("rules_reload_failed", seconds(60))) << daemon->log();
  const std::string log = daemon->log();
  EXPECT_NE(log.find("flow.yaml:"), std::string::npos) << log;
  EXPECT_NE(log.find("\"line\":"), std::string::npos);

  // The old rules keep serving, on the open connection and on a new one.
  EXPECT_EQ(ws.say("h2", "35")["type"], "reply");
  WsClient fresh(daemon->port());
  EXPECT_EQ(fresh.hello()["type"], "welcome");
  EXPECT_EQ(http_request(daemon->port(), "GET", "/readyz").status, 200u);

  // Repaired, the next SIGHUP loads it. A reload runs every example of the rules
  // (seconds under the sanitizers), so the wait is generous: the test is about the order.
  fs::copy_file(fs::path(BACKCOACH_SOURCE_DIR) / "rules" / "flow.yaml", flow,
                fs::copy_options::overwrite_existing);
  daemon->signal(SIGHUP);
  EXPECT_TRUE(daemon->wait_for_log("rules_reloaded", seconds(60)));
}

TEST(SignalsE2E, SigtermMidConversationRepliesThenClosesGoingAwayAndExitsZero) {
  TempDir dir;
  auto daemon = start_daemon(dir);
  ASSERT_NE(daemon, nullptr);
  std::string token;
  std::set<std::string> replied;
  {
    WsClient ws(daemon->port());
    token = ws.hello()["token"];
    ws.send({{"type", "say"}, {"id", "t1"}, {"text", "my lower back"}});
    ws.send({{"type", "say"}, {"id", "t2"}, {"text", "35"}});
    ws.send({{"type", "say"}, {"id", "t3"}, {"text", "1 to 2 weeks"}});
    daemon->signal(SIGTERM);
    // Each say is answered (reply, or not_ready when it arrived during the drain)
    // unless the close came first; then the client resends it after reconnecting.
    try {
      while (true) {
        const json frame = ws.receive();
        if (frame["type"] == "reply") {
          replied.insert(frame["re"].get<std::string>());
        } else {
          EXPECT_EQ(frame["code"], "not_ready") << frame.dump();
        }
      }
    } catch (const boost::system::system_error& e) {
      EXPECT_EQ(e.code(), boost::beast::websocket::error::closed) << e.what();
    }
    EXPECT_EQ(ws.close_code(), 1001u);  // going away
  }
  EXPECT_EQ(daemon->wait_exit(seconds(15)), 0) << daemon->log();
  EXPECT_NE(daemon->log().find("\"event\":\"stopped\""), std::string::npos);

  // Every turn that was answered is in the database after a restart.
  auto again = start_daemon(dir);
  ASSERT_NE(again, nullptr);
  WsClient ws(again->port());
  const json welcome = ws.hello(token);
  ASSERT_EQ(welcome["type"], "welcome") << welcome.dump();
  int user_lines = 0;
  for (const auto& item : welcome["history"]) user_lines += item["from"] == "user" ? 1 : 0;
  EXPECT_EQ(user_lines, static_cast<int>(replied.size()));
}

TEST(SignalsE2E, SigtermClosesAnIdleSessionAndExitsZero) {
  TempDir dir;
  auto daemon = start_daemon(dir, {"--drain-timeout", "3"});
  ASSERT_NE(daemon, nullptr);
  WsClient ws(daemon->port());
  ws.hello();
  daemon->signal(SIGTERM);
  EXPECT_EQ(ws.wait_close(), 1001u);
  EXPECT_EQ(daemon->wait_exit(seconds(10)), 0);
}

// A client that stops reading: it sends frames the daemon answers (with errors) until the
// daemon's replies fill both socket buffers, and never reads them nor answers a close.
class StalledClient {
 public:
  explicit StalledClient(unsigned short port) : ws_(ioc_) {
    auto& sock = boost::beast::get_lowest_layer(ws_).socket();
    sock.open(boost::asio::ip::tcp::v4());
    sock.set_option(boost::asio::socket_base::receive_buffer_size(4096));
    sock.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    ws_.handshake("127.0.0.1", "/v1/chat");
    ws_.text(true);
    boost::beast::error_code ec;
    for (int i = 0; i < 20000 && !ec; ++i) ws_.write(boost::asio::buffer(std::string("x")), ec);
  }

 private:
  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
};

const std::vector<std::string> kStallFlags = {
    "--drain-timeout", "1", "--send-queue-frames", "1000000", "--rate-limit-messages", "1000000"};

TEST(SignalsE2E, SigtermWithAClientThatStoppedReadingExitsZeroAfterTheDrainTimeout) {
  TempDir dir;
  auto daemon = start_daemon(dir, kStallFlags);
  ASSERT_NE(daemon, nullptr);
  StalledClient stalled(daemon->port());
  const auto sent = std::chrono::steady_clock::now();
  daemon->signal(SIGTERM);
  EXPECT_EQ(daemon->wait_exit(seconds(10)), 0) << daemon->log();
  EXPECT_LT(std::chrono::steady_clock::now() - sent, seconds(6));
  EXPECT_TRUE(daemon->wait_for_log("\"event\":\"drain_timeout\"", seconds(1)));
  EXPECT_TRUE(daemon->wait_for_log("\"event\":\"stopped\"", seconds(1)));
}

TEST(SignalsE2E, ASecondSigtermDuringTheDrainStopsAtOnceAndExitsZero) {
  TempDir dir;
  auto flags = kStallFlags;
  flags[1] = "60";  // only the second signal can end this drain in time
  auto daemon = start_daemon(dir, flags);
  ASSERT_NE(daemon, nullptr);
  StalledClient stalled(daemon->port());
  daemon->signal(SIGTERM);
  ASSERT_TRUE(daemon->wait_for_log("\"event\":\"draining\"", seconds(5)));
  daemon->signal(SIGTERM);
  EXPECT_EQ(daemon->wait_exit(seconds(10)), 0) << daemon->log();
  EXPECT_TRUE(daemon->wait_for_log("\"event\":\"stop_now\"", seconds(1)));
}

}  // namespace
}  // namespace backcoach::e2e
