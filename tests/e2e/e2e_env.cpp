#include "e2e_env.h"

#include <random>

namespace backcoach::e2e {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("backcoach-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<ChildDaemon> start_daemon(const TempDir& dir, std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "--listen",  "127.0.0.1:0", "--db",        dir.file("var/chat.db"),
      "--threads", "2",           "--log-level", "debug"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto daemon =
      std::make_unique<ChildDaemon>(BACKCOACH_DAEMON_PATH, std::move(args), dir.file("daemon.log"));
  if (daemon->start() == 0) {
    ADD_FAILURE() << "backcoachd did not start; its log:\n" << daemon->log();
    return nullptr;
  }
  return daemon;
}

const std::vector<std::string>& self_care_script() {
  // tests/scenarios/self_care.yaml, "self_care_default_routine".
  static const std::vector<std::string> kScript = {"my lower back",
                                                   "35",
                                                   "1 to 2 weeks",
                                                   "4",
                                                   "gradually, no clear reason",
                                                   "nothing in particular",
                                                   "none of these",
                                                   "none of these",
                                                   "none of these"};
  return kScript;
}

}  // namespace backcoach::e2e
