// backcoachd and its database file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <string>

#include "e2e_env.h"

namespace backcoach::e2e {
namespace {

using std::chrono::seconds;

// A read-only file once started and answered /readyz 200 while every turn failed.
// Run with file permissions binding it (even as root, see obey_file_permissions).
TEST(StoreE2E, ADatabaseFileTheDaemonCannotWriteStopsTheStartWithItsPath) {
  TempDir dir;
  const std::string db = dir.file("var/chat.db");
  {
    auto first = start_daemon(dir);  // creates the database and the secret
    ASSERT_NE(first, nullptr);
    first->signal(SIGTERM);
    ASSERT_EQ(first->wait_exit(seconds(15)), 0) << first->log();
  }
  ASSERT_EQ(::chmod(db.c_str(), 0444), 0);

  ChildDaemon daemon(BACKCOACH_DAEMON_PATH,
                     {"--listen", "127.0.0.1:0", "--db", db, "--log-level", "debug"},
                     dir.file("second.log"));
  daemon.obey_file_permissions();
  EXPECT_EQ(daemon.start(seconds(10)), 0) << "it started on a read-only database";
  EXPECT_EQ(daemon.wait_exit(seconds(10)), 1) << daemon.log();
  const std::string log = daemon.log();
  EXPECT_NE(log.find("\"event\":\"store_unusable\""), std::string::npos) << log;
  EXPECT_NE(log.find("cannot write " + db + ": it is read-only"), std::string::npos) << log;
}

}  // namespace
}  // namespace backcoach::e2e
