// The load generator against a real backcoachd on port 0: a few closed-loop turns
// through each API it speaks, so that a daemon change that breaks the benchmark
// shows here rather than in the next measurement.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "chat_script.h"
#include "e2e_env.h"
#include "load_run.h"

namespace backcoach::bench {
namespace {

const std::string kKeyHex(64, 'f');  // the bot's secret file
const std::string kKey(32, '\xff');  // the key it spells

class LoadDaemonSmokeTest : public testing::Test {
 protected:
  void SetUp() override {
    const auto secret = dir_.file("bench.secret");
    std::ofstream(secret) << kKeyHex << "\n";
    ::chmod(secret.c_str(), 0600);
    daemon_ = e2e::start_daemon(dir_, {"--bot", "bench," + secret});
    ASSERT_NE(daemon_, nullptr);
  }

  LoadRun::Options options(const std::string& scheme, const std::string& path) const {
    LoadRun::Options o;
    o.target = *parse_target(scheme + "://127.0.0.1:" + std::to_string(daemon_->port()) + path);
    o.script = *load_script(BACKCOACH_BENCH_SCRIPT);
    o.warmup = std::chrono::milliseconds(0);
    o.timeout = std::chrono::seconds(60);
    o.bot_key = kKey;
    return o;
  }

  e2e::TempDir dir_;
  std::unique_ptr<e2e::ChildDaemon> daemon_;
};

TEST_F(LoadDaemonSmokeTest, BotApiTurnsAreAnsweredThroughASecondConversation) {
  auto o = options("http", "/v1/bots/bench/messages");
  o.connections = 2;
  o.turns_per_connection = o.script.size() + 3;  // each bot user finishes, a new one starts
  const auto result = LoadRun(o).run();
  EXPECT_EQ(result["api"], "bot");
  EXPECT_EQ(result["turns"], 2 * o.turns_per_connection);
  EXPECT_EQ(result["errors"]["total"], 0) << result.dump();
  EXPECT_EQ(result["conversations"], 2 * 2);
  EXPECT_FALSE(result["timed_out"].get<bool>());
}

TEST_F(LoadDaemonSmokeTest, BotApiAnswersOtherThan200AreErrorsNotTurns) {
  auto o = options("http", "/v1/bots/bench/messages");
  o.bot_key = std::string(32, '\xfe');  // not the bot's key
  o.turns_per_connection = 3;
  const auto result = LoadRun(o).run();
  EXPECT_EQ(result["turns"], 0);
  EXPECT_EQ(result["errors"]["by_code"].value("http_401", 0), 3) << result.dump();

  auto unknown = options("http", "/v1/bots/nobody/messages");
  unknown.turns_per_connection = 2;
  EXPECT_EQ(LoadRun(unknown).run()["errors"]["by_code"].value("http_404", 0), 2);
}

TEST_F(LoadDaemonSmokeTest, WebSocketTurnsAreAnswered) {
  auto o = options("ws", "/v1/chat");
  o.connections = 2;
  o.turns_per_connection = 5;
  const auto result = LoadRun(o).run();
  EXPECT_EQ(result["api"], "websocket");
  EXPECT_EQ(result["turns"], 2 * 5);
  EXPECT_EQ(result["errors"]["total"], 0) << result.dump();
}

}  // namespace
}  // namespace backcoach::bench
