// backcoachd under systemd (Type=notify): READY=1 once it serves, WATCHDOG=1 while it runs,
// RELOADING=1 then READY=1 around SIGHUP, STOPPING=1 when SIGTERM starts the drain.
// The test holds the notify socket, as systemd would.
#include <gtest/gtest.h>

#include <csignal>
#include <memory>

#include "e2e_env.h"
#include "notify_socket.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class NotifyE2E : public ::testing::Test {
 protected:
  // Starts the daemon as systemd would (asking for watchdog pings when given an interval);
  // the READY=1 datagram, or nullopt.
  std::optional<std::string> start(std::optional<milliseconds> watchdog = {}) {
    systemd_ = std::make_unique<NotifySocket>(dir_.file("notify"), watchdog);
    daemon_ = start_daemon(dir_);
    if (!daemon_) return std::nullopt;
    return systemd_->wait_for("READY=1", seconds(5));
  }

  TempDir dir_;
  std::unique_ptr<NotifySocket> systemd_;
  std::unique_ptr<ChildDaemon> daemon_;
};

TEST_F(NotifyE2E, ReadyOnceServingThenStoppingOnSigterm) {
  const auto ready = start();
  ASSERT_TRUE(ready);
  EXPECT_NE(ready->find("STATUS=listening on http://127.0.0.1:" + std::to_string(daemon_->port())),
            std::string::npos)
      << *ready;
  {  // Ready means ready: a person can chat at once.
    WsClient ws(daemon_->port());
    EXPECT_EQ(ws.hello()["type"], "welcome");
  }
  daemon_->signal(SIGTERM);
  EXPECT_TRUE(systemd_->wait_for("STOPPING=1", seconds(5))) << daemon_->log();
  EXPECT_EQ(daemon_->wait_exit(seconds(20)), 0);
}

TEST_F(NotifyE2E, ReloadingThenReadyAroundSighup) {
  ASSERT_TRUE(start());
  daemon_->signal(SIGHUP);
  EXPECT_TRUE(systemd_->wait_for("RELOADING=1", seconds(5))) << daemon_->log();
  const auto again = systemd_->wait_for("READY=1", seconds(60));
  ASSERT_TRUE(again) << daemon_->log();
  EXPECT_NE(again->find("rules reloaded"), std::string::npos) << *again;
}

TEST_F(NotifyE2E, WatchdogPingsAtHalfTheIntervalSystemdAsked) {
  ASSERT_TRUE(start(seconds(1)));  // pings every 500 ms, the first at once
  ASSERT_TRUE(systemd_->wait_for("WATCHDOG=1", seconds(2))) << daemon_->log();
  const auto t0 = std::chrono::steady_clock::now();
  int pings = 0;
  while (pings < 3 && systemd_->wait_for("WATCHDOG=1", seconds(2))) ++pings;
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(pings, 3) << daemon_->log();
  // Three more pings: 1.5 s at half the interval, 3 s at the whole one (too late for systemd).
  EXPECT_GT(took, milliseconds(1200));
  EXPECT_LT(took, milliseconds(2400));
}

TEST_F(NotifyE2E, NoWatchdogPingsUnlessSystemdAskedForThem) {
  ASSERT_TRUE(start());
  EXPECT_FALSE(systemd_->wait_for("WATCHDOG=1", milliseconds(500)));
}

}  // namespace
}  // namespace backcoach::e2e
