#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace backcoach::e2e {

// backcoachd as a child process of a test. Its stdout is read for the
// "backcoachd listening on http://HOST:PORT" line; its stderr (the JSON log)
// goes to `log_path`, which the test may read at any time.
// Thread: one owner thread calls every method.
class ChildDaemon {
 public:
  ChildDaemon(std::string exe, std::vector<std::string> args, std::string log_path);
  ~ChildDaemon();  // SIGKILL if it still runs
  ChildDaemon(const ChildDaemon&) = delete;
  ChildDaemon& operator=(const ChildDaemon&) = delete;

  // Before start(): the child runs without CAP_DAC_OVERRIDE, so that file permissions
  // bind it even when the tests run as root (as in CI). The child exits 126 when the
  // capability cannot be dropped.
  void obey_file_permissions() { obey_file_permissions_ = true; }

  // Before start(): no file the child writes may grow past `bytes` (RLIMIT_FSIZE, set
  // in the child before exec; needs no privilege). A write past it fails with EFBIG
  // (and raises SIGXFSZ, which kills a process that does not ignore it).
  void limit_file_size(std::uint64_t bytes) { file_size_limit_ = bytes; }

  // Starts it and waits for the listening line; the port, or 0 on failure.
  unsigned short start(std::chrono::milliseconds timeout = std::chrono::seconds(20));

  void signal(int sig) const;

  // Waits for the exit: its status (0-255), or -1 when it died of a signal or
  // was still running after `timeout` (then it is killed).
  int wait_exit(std::chrono::milliseconds timeout);

  // The log so far.
  std::string log() const;
  // Waits until the log contains `needle`; false after `timeout`.
  bool wait_for_log(const std::string& needle, std::chrono::milliseconds timeout) const;

  unsigned short port() const { return port_; }

 private:
  std::string exe_;
  std::vector<std::string> args_;
  std::string log_path_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  unsigned short port_ = 0;
  bool obey_file_permissions_ = false;
  std::uint64_t file_size_limit_ = 0;  // 0: none
};

}  // namespace backcoach::e2e
