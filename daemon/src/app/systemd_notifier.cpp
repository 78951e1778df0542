#include "app/systemd_notifier.h"

#include <systemd/sd-daemon.h>

namespace backcoach::app {

SystemdNotifier::SystemdNotifier(boost::asio::any_io_executor executor) : timer_(executor) {}

// sd_notify's result is not checked on purpose: outside systemd it returns 0, and a
// failed send cannot be helped by the daemon; systemd notices the missing READY itself.
void SystemdNotifier::ready(const std::string& status) const {
  sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
}

void SystemdNotifier::reloading() const { sd_notify(0, "RELOADING=1\nSTATUS=reloading rules"); }

void SystemdNotifier::stopping() const { sd_notify(0, "STOPPING=1\nSTATUS=draining"); }

bool SystemdNotifier::start_watchdog() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return false;
  interval_ = std::chrono::microseconds(usec / 2);
  ping();
  return true;
}

void SystemdNotifier::stop_watchdog() { timer_.cancel(); }

void SystemdNotifier::ping() {
  sd_notify(0, "WATCHDOG=1");
  timer_.expires_after(interval_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) ping();
  });
}

}  // namespace backcoach::app
