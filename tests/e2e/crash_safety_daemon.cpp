#include "crash_safety_daemon.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <string_view>

extern char** environ;

namespace backcoach::e2e {
namespace {

constexpr std::string_view kListening = "listening on http://";

// The port at the end of "backcoachd listening on http://127.0.0.1:PORT", or 0.
unsigned short port_of(std::string_view line) {
  if (line.find(kListening) == std::string_view::npos) return 0;
  const auto colon = line.rfind(':');
  unsigned short port = 0;
  std::from_chars(line.data() + colon + 1, line.data() + line.size(), port);
  return port;
}

}  // namespace

DaemonProcess::DaemonProcess(std::string exe, std::vector<std::string> args, std::string log_path)
    : exe_(std::move(exe)), args_(std::move(args)), log_path_(std::move(log_path)) {}

DaemonProcess::~DaemonProcess() {
  if (running()) kill_hard();
}

unsigned short DaemonProcess::start(std::chrono::milliseconds timeout) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return 0;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  std::vector<char*> argv;
  argv.push_back(exe_.data());
  for (auto& a : args_) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = posix_spawn(&pid_, exe_.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    pid_ = -1;
    return 0;
  }
  out_fd_ = out[0];
  const auto port = read_port(timeout);
  if (port == 0) {
    kill_hard();
    return 0;
  }
  drain_ = std::thread([fd = out_fd_] {
    char buf[512];
    while (read(fd, buf, sizeof buf) > 0) {
    }
  });
  return port;
}

// Reads stdout line by line until the listening line, EOF or the deadline.
unsigned short DaemonProcess::read_port(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string pending;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return 0;
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[256];
    const auto n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return 0;  // the child exited without listening
    pending.append(buf, static_cast<std::size_t>(n));
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      if (const auto port = port_of(std::string_view(pending).substr(0, nl))) return port;
      pending.erase(0, nl + 1);
    }
  }
}

void DaemonProcess::kill_hard() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  reap();
}

int DaemonProcess::terminate(std::chrono::milliseconds timeout) {
  if (!running()) return -1;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill_hard();
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // no portable wait-with-timeout
  }
  pid_ = -1;
  reap();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits for the child (unless already reaped) and closes its stdout.
void DaemonProcess::reap() {
  if (pid_ > 0) {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (drain_.joinable()) drain_.join();  // ends at EOF: the child is gone
  if (out_fd_ >= 0) {
    close(out_fd_);
    out_fd_ = -1;
  }
}

}  // namespace backcoach::e2e
