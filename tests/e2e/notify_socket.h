#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace backcoach::e2e {

// The receiving end of sd_notify, as systemd holds it: a Unix datagram socket bound at
// `path`. While it lives, $NOTIFY_SOCKET names it (and $WATCHDOG_USEC is set when asked),
// so the code under test and any child started now notify it; both are restored after.
// Thread: one owner thread.
class NotifySocket {
 public:
  explicit NotifySocket(std::string path, std::optional<std::chrono::microseconds> watchdog = {});
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // The next datagram, or nullopt after `timeout`.
  std::optional<std::string> receive(std::chrono::milliseconds timeout);
  // Receives until a datagram contains `needle`: that datagram, or nullopt after `timeout`.
  std::optional<std::string> wait_for(const std::string& needle, std::chrono::milliseconds timeout);

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace backcoach::e2e
