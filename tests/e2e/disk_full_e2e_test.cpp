// A full disk under the real daemon, as the person chatting and the operator see it.
//
// How the disk fills: RLIMIT_FSIZE, set in the daemon's process before exec
// (ChildDaemon::limit_file_size). No file the daemon writes may grow past the limit;
// a write that would fails with EFBIG, which SQLite's unix VFS reports as
// SQLITE_IOERR_WRITE — the same path an ENOSPC takes through fsync or a truncate. We
// chose it because it needs no privilege (any user may lower its own limit), no mount,
// loop device or tmpfs (a plain Debian 12 container in CI, even as root, may not
// mount), and no test hook in the daemon: the daemon runs unchanged, with its real
// SQLite and VFS. SQLite's max_page_count would need the daemon to set a pragma for
// the test, and it never reaches the code that must map an OS error. "Space returns"
// is a restart without the limit, as an operator frees space and restarts, or as the
// daemon finds out itself through /readyz's probe write.
//
// The limit is the database file's size plus 64 KiB: the WAL (removed at the clean
// stop before) fills within a few dozen turns, and the log, a file of its own, stays
// far below it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e_env.h"
#include "net/request_signature.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string kKeyHex(64, 'b');  // the bot's secret file
const std::string kKey(32, '\xbb');  // the bytes it spells

std::uint64_t metric(unsigned short port, const std::string& sample) {
  const auto body = http_request(port, "GET", "/metrics").body;
  const auto at = body.find("\n" + sample + " ");
  if (at == std::string::npos) return 0;
  return std::stoull(body.substr(at + sample.size() + 2));
}

std::string entry(int i) { return "still a bit sore today, entry " + std::to_string(i) + "."; }

class DiskFullE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(secret()) << kKeyHex << "\n";
    ::chmod(secret().c_str(), 0600);
  }
  std::string secret() const { return dir_.file("kiosk.secret"); }
  std::string db() const { return dir_.file("var/chat.db"); }

  // The daemon on this test's database; `file_size_limit` 0 for none. Its own log file.
  std::unique_ptr<ChildDaemon> start(const std::string& log, std::uint64_t file_size_limit = 0) {
    auto daemon = std::make_unique<ChildDaemon>(
        BACKCOACH_DAEMON_PATH,
        std::vector<std::string>{"--listen", "127.0.0.1:0", "--db", db(), "--threads", "2", "--bot",
                                 "kiosk," + secret()},
        dir_.file(log));
    if (file_size_limit > 0) daemon->limit_file_size(file_size_limit);
    if (daemon->start() == 0) {
      ADD_FAILURE() << "backcoachd did not start; its log:\n" << daemon->log();
      return nullptr;
    }
    return daemon;
  }

  HttpReply bot_says(unsigned short port, const std::string& user, const std::string& id,
                     const std::string& text) {
    const std::string body = json{{"user", user}, {"id", id}, {"text", text}}.dump();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const std::string ts =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count());
    return http_request(port, "POST", "/v1/bots/kiosk/messages",
                        {{"Content-Type", "application/json"},
                         {"X-Backcoach-Timestamp", ts},
                         {"X-Backcoach-Signature", net::sign_v1(kKey, ts, body)}},
                        body);
  }

  std::string exported(unsigned short port, const std::string& token) {
    const auto r =
        http_request(port, "GET", "/v1/me/conversation", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.body;
  }

  TempDir dir_;
};

TEST_F(DiskFullE2E, TurnsAreRefusedClearlyWhileTheDiskIsFullAndNothingCommittedIsLost) {
  // A person chats while there is room; the daemon stops cleanly.
  std::string token;
  {
    auto daemon = start("before.log");
    ASSERT_NE(daemon, nullptr);
    WsClient ws(daemon->port());
    token = ws.hello()["token"];
    ASSERT_EQ(ws.say("a1", "my lower back")["type"], "reply");
    ASSERT_EQ(bot_says(daemon->port(), "bot-person", "b1", "my lower back").status, 200u);
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait_exit(20s), 0);
  }

  // The disk fills while the person goes on.
  const auto limit = std::filesystem::file_size(db()) + 64 * 1024;
  std::vector<int> acknowledged;
  int refused = 0;
  {
    auto daemon = start("full.log", limit);
    ASSERT_NE(daemon, nullptr);
    const auto port = daemon->port();
    EXPECT_EQ(http_request(port, "GET", "/readyz").status, 200u);
    WsClient ws(daemon->port());  // every wait bounded: a hang fails the test
    ASSERT_EQ(ws.hello(token)["type"], "welcome");
    for (int i = 1; i <= 400 && refused == 0; ++i) {
      const auto frame = ws.say("f" + std::to_string(i), entry(i));
      if (frame["type"] == "reply") {
        acknowledged.push_back(i);
        continue;
      }
      // What the person's widget gets: an error frame for this message, "try later".
      EXPECT_EQ(frame["type"], "error") << frame.dump();
      EXPECT_EQ(frame["code"], "not_ready") << frame.dump();
      EXPECT_EQ(frame["re"], "f" + std::to_string(i)) << frame.dump();
      refused = i;
    }
    ASSERT_GT(refused, 0) << "the disk never filled; limit " << limit;
    ASSERT_FALSE(acknowledged.empty()) << "nothing fitted even before the disk filled";

    // While it is full: the same answer again, at once, for every kind of write.
    const auto again = ws.say("f" + std::to_string(refused), entry(refused));
    EXPECT_EQ(again["code"], "not_ready") << again.dump();
    WsClient newcomer(port);
    EXPECT_EQ(newcomer.hello()["code"], "not_ready");
    const auto bot = bot_says(port, "bot-person", "b2", entry(refused));
    EXPECT_EQ(bot.status, 503u) << bot.body;
    EXPECT_EQ(bot.headers.at("content-type"), "application/problem+json");
    EXPECT_NE(json::parse(bot.body).value("detail", ""), "") << bot.body;
    // The operator's view: not ready (a load balancer stops sending), alive, no internal
    // error. /readyz's probe write is larger than a turn, so it is not fooled by the room
    // the refused turns' partial writes left allocated; asked again, it still says so.
    EXPECT_EQ(http_request(port, "GET", "/readyz").status, 503u);
    EXPECT_EQ(http_request(port, "GET", "/readyz").status, 503u);
    EXPECT_EQ(ws.say("f" + std::to_string(refused), entry(refused))["code"], "not_ready");
    EXPECT_EQ(http_request(port, "GET", "/livez").status, 200u);
    EXPECT_EQ(metric(port, R"(backcoach_errors_total{code="internal"})"), 0u);
    EXPECT_GE(metric(port, R"(backcoach_errors_total{code="not_ready"})"), 3u);
    // Reading still works: the person's history is there.
    EXPECT_NE(exported(port, token).find(entry(acknowledged.back())), std::string::npos);

    // A full disk is no reason to crash (SIGXFSZ is ignored) or to hang on the way out.
    daemon->signal(SIGTERM);
    EXPECT_EQ(daemon->wait_exit(20s), 0) << daemon->log();
  }

  // Space is back (no limit): every acknowledged turn is there, the refused one is
  // not, half or whole, and the person carries on where they were.
  auto daemon = start("after.log");
  ASSERT_NE(daemon, nullptr);
  const auto port = daemon->port();
  EXPECT_EQ(http_request(port, "GET", "/readyz").status, 200u);
  const auto record = exported(port, token);
  for (const int i : acknowledged) EXPECT_NE(record.find(entry(i)), std::string::npos) << i;
  EXPECT_EQ(record.find(entry(refused)), std::string::npos);
  WsClient ws(port);
  ASSERT_EQ(ws.hello(token)["type"], "welcome");
  const auto retried = ws.say("f" + std::to_string(refused), entry(refused));
  EXPECT_EQ(retried["type"], "reply") << retried.dump();
  EXPECT_NE(exported(port, token).find(entry(refused)), std::string::npos);
  EXPECT_EQ(bot_says(port, "bot-person", "b2", entry(refused)).status, 200u);
}

}  // namespace
}  // namespace backcoach::e2e
