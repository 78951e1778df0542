#include "load_run.h"

#include <gtest/gtest.h>

#include <thread>

#include "chat_script.h"
#include "floor_listener.h"

namespace backcoach::bench {
namespace {

namespace asio = boost::asio;

// A floor server on its own thread, on a free loopback port.
class FloorOnThread {
 public:
  FloorOnThread() : listener_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    listener_.accept();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~FloorOnThread() {
    asio::post(ioc_, [this] { listener_.close(); });
    ioc_.stop();
    thread_.join();
  }
  LoadTarget target() const {
    const auto port = listener_.local_endpoint().port();
    auto t = parse_target("ws://127.0.0.1:" + std::to_string(port) + "/v1/chat");
    return *t;
  }

 private:
  asio::io_context ioc_{1};
  FloorListener listener_;
  std::thread thread_;
};

LoadRun::Options options_for(const FloorOnThread& floor) {
  LoadRun::Options o;
  o.target = floor.target();
  o.script = *load_script(BACKCOACH_BENCH_SCRIPT);
  o.warmup = std::chrono::milliseconds(0);
  o.timeout = std::chrono::seconds(30);
  return o;
}

TEST(LoadRunTest, TurnsModeCountsEveryReplyOfEveryConnection) {
  FloorOnThread floor;
  auto o = options_for(floor);
  o.connections = 4;
  o.turns_per_connection = 45;  // more than one pass through the script
  const auto result = LoadRun(o).run();
  EXPECT_EQ(result["turns"], 4 * 45);
  EXPECT_EQ(result["latency_us"]["count"], 4 * 45);
  EXPECT_EQ(result["errors"]["total"], 0);
  // 45 turns over a script of ~30 lines: each connection holds two conversations.
  EXPECT_EQ(result["conversations"], 4 * 2);
  EXPECT_FALSE(result["timed_out"].get<bool>());
  EXPECT_GT(result["turns_per_s"].get<double>(), 0);
}

TEST(LoadRunTest, DurationModeStopsOnTime) {
  FloorOnThread floor;
  auto o = options_for(floor);
  o.connections = 8;
  o.warmup = std::chrono::milliseconds(100);
  o.duration = std::chrono::milliseconds(300);
  const auto started = std::chrono::steady_clock::now();
  const auto result = LoadRun(o).run();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_GT(result["turns"].get<int>(), 0);
  EXPECT_NEAR(result["measured_s"].get<double>(), 0.3, 0.1);
  EXPECT_EQ(result["errors"]["total"], 0);
}

TEST(LoadRunTest, IdleModeHoldsEveryConnection) {
  FloorOnThread floor;
  auto o = options_for(floor);
  o.mode = LoadClient::Mode::idle;
  o.connections = 300;  // more than the ramp lets connect at once
  o.duration = std::chrono::milliseconds(100);
  testing::internal::CaptureStdout();
  const auto result = LoadRun(o).run();
  const auto printed = testing::internal::GetCapturedStdout();
  const auto ready = nlohmann::json::parse(printed.substr(0, printed.find('\n')));
  EXPECT_EQ(ready["established"], 300);
  EXPECT_EQ(result["errors"]["total"], 0);
}

TEST(LoadRunTest, NothingListeningIsCountedAsErrorsNotAHang) {
  LoadRun::Options o;
  {
    FloorOnThread floor;  // take a free port, then close it
    o.target = floor.target();
  }
  o.script = {"hello"};
  o.warmup = std::chrono::milliseconds(0);
  o.duration = std::chrono::milliseconds(300);
  const auto result = LoadRun(o).run();
  EXPECT_EQ(result["turns"], 0);
  EXPECT_GT(result["errors"]["by_code"].value("connect", 0), 0);
}

}  // namespace
}  // namespace backcoach::bench
