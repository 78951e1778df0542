#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string>

namespace backcoach::app {

// Tells systemd (a Type=notify unit) where the daemon is in its life, through sd_notify:
//   ready()      READY=1 once rules are loaded, the database is open and the port listens
//   reloading()  RELOADING=1 while a SIGHUP reload runs; ready() again after it
//   stopping()   STOPPING=1 when the drain begins
//   start_watchdog()  WATCHDOG=1 every half of $WATCHDOG_USEC, from the I/O threads, so a
//                wedged io_context stops the pings and systemd restarts the daemon
// Without $NOTIFY_SOCKET (not started by systemd) every call does nothing.
// Thread: ready/reloading/stopping from any thread; start/stop_watchdog on one thread.
// Destroy it before the io_context that runs the executor.
class SystemdNotifier {
 public:
  explicit SystemdNotifier(boost::asio::any_io_executor executor);

  void ready(const std::string& status) const;
  void reloading() const;
  void stopping() const;

  // Arms the pings when systemd asked for them (WATCHDOG_USEC); false when it did not.
  bool start_watchdog();
  void stop_watchdog();

 private:
  void ping();

  boost::asio::steady_timer timer_;
  std::chrono::microseconds interval_{0};
};

}  // namespace backcoach::app
