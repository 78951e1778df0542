// SystemdNotifier speaks sd_notify to whatever holds $NOTIFY_SOCKET, and nothing else.
#include "app/systemd_notifier.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "notify_socket.h"

namespace backcoach::app {
namespace {

using e2e::NotifySocket;
using std::chrono::milliseconds;

std::string socket_path() {
  return (std::filesystem::temp_directory_path() /
          ("backcoach-notify-" + std::to_string(::getpid())))
      .string();
}

TEST(SystemdNotifier, LifecycleMessagesAreTheOnesSystemdReads) {
  NotifySocket systemd(socket_path());
  boost::asio::io_context ioc;
  SystemdNotifier notifier(ioc.get_executor());
  notifier.ready("listening on http://127.0.0.1:8080");
  EXPECT_EQ(systemd.receive(milliseconds(1000)),
            "READY=1\nSTATUS=listening on http://127.0.0.1:8080");
  notifier.reloading();
  EXPECT_EQ(systemd.receive(milliseconds(1000)), "RELOADING=1\nSTATUS=reloading rules");
  notifier.stopping();
  EXPECT_EQ(systemd.receive(milliseconds(1000)), "STOPPING=1\nSTATUS=draining");
}

TEST(SystemdNotifier, WatchdogPingsEveryHalfIntervalUntilStopped) {
  NotifySocket systemd(socket_path(), milliseconds(100));
  boost::asio::io_context ioc;
  SystemdNotifier notifier(ioc.get_executor());
  ASSERT_TRUE(notifier.start_watchdog());
  ioc.run_for(milliseconds(230));  // pings at 0, 50, 100, 150, 200 ms
  int pings = 0;
  while (auto m = systemd.receive(milliseconds(0))) {
    EXPECT_EQ(*m, "WATCHDOG=1");
    ++pings;
  }
  EXPECT_GE(pings, 4);
  EXPECT_LE(pings, 6);
  notifier.stop_watchdog();
  ioc.restart();
  ioc.run_for(milliseconds(120));
  EXPECT_FALSE(systemd.receive(milliseconds(0))) << "a ping after stop_watchdog()";
}

TEST(SystemdNotifier, NoWatchdogWhenSystemdDidNotAskForIt) {
  NotifySocket systemd(socket_path());
  boost::asio::io_context ioc;
  SystemdNotifier notifier(ioc.get_executor());
  EXPECT_FALSE(notifier.start_watchdog());
  EXPECT_EQ(ioc.run_for(milliseconds(50)), 0u) << "nothing was armed";
  EXPECT_FALSE(systemd.receive(milliseconds(0)));
}

TEST(SystemdNotifier, OutsideSystemdEveryCallIsHarmless) {
  boost::asio::io_context ioc;
  SystemdNotifier notifier(ioc.get_executor());
  notifier.ready("x");
  notifier.stopping();
  EXPECT_FALSE(notifier.start_watchdog());
}

}  // namespace
}  // namespace backcoach::app
