#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "e2e_env.h"

namespace backcoach::e2e {

// A test fixture whose suite shares one backcoachd on port 0 with a database in
// its own temporary folder: started before the suite's first test, stopped after
// its last. `Suite` (the derived fixture, CRTP) may hide `daemon_flags()` to pass
// extra command-line flags. Each test reads the port from `port_`; a test fails
// at SetUp when the daemon did not start. Single-threaded, like gtest's fixtures.
template <typename Suite>
class SharedDaemonTest : public ::testing::Test {
 protected:
  static std::vector<std::string> daemon_flags() { return {}; }

  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    daemon_ = start_daemon(*dir_, Suite::daemon_flags());
  }
  static void TearDownTestSuite() {
    daemon_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_NE(daemon_, nullptr);
    port_ = daemon_->port();
  }

  unsigned short port_ = 0;

 private:
  inline static std::unique_ptr<TempDir> dir_;
  inline static std::unique_ptr<ChildDaemon> daemon_;
};

}  // namespace backcoach::e2e
