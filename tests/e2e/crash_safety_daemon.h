#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace backcoach::e2e {

// backcoachd as a child process of a test, started and killed on demand.
//
// The child's stdout is read until it prints `... listening on http://HOST:PORT`
// and then drained on a thread until it closes; its stderr (the JSON log) is
// appended to `log_path` so a failing run can be read afterwards.
// Thread: one owner thread calls every method.
class DaemonProcess {
 public:
  DaemonProcess(std::string exe, std::vector<std::string> args, std::string log_path);
  ~DaemonProcess();  // kills the child with SIGKILL if it still runs
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Starts the child and waits until it listens. Returns the port, or 0 when it
  // exited or printed nothing within `timeout` (then it has been killed).
  unsigned short start(std::chrono::milliseconds timeout);

  // SIGKILL, then reaps the child.
  void kill_hard();

  // SIGTERM and waits up to `timeout` for the exit; returns the exit status, or
  // -1 when it had to be killed (or died from a signal).
  int terminate(std::chrono::milliseconds timeout);

  bool running() const { return pid_ > 0; }

 private:
  unsigned short read_port(std::chrono::milliseconds timeout);
  void reap();

  std::string exe_;
  std::vector<std::string> args_;
  std::string log_path_;
  pid_t pid_ = -1;
  int out_fd_ = -1;  // read end of the child's stdout
  std::thread drain_;
};

}  // namespace backcoach::e2e
