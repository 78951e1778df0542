// Crash safety of backcoachd (issue 3): under 64 concurrent conversations the
// daemon is killed with SIGKILL 10 times at random moments and restarted on the
// same database. Clients reconnect with their token and resend unacknowledged
// says with their original ids. Afterwards the database must hold every turn
// whose reply a client received, no (user, client message id) twice, and turn
// numbers 1..n without gaps for every user.
//
// The seed of the random moments is printed; rerun one with BACKCOACH_CRASH_SEED.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "crash_safety_client.h"
#include "crash_safety_daemon.h"
#include "crash_safety_db.h"

namespace backcoach::e2e {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr int kConversations = 64;
constexpr int kKills = 10;
constexpr auto kStartTimeout = 30s;
constexpr auto kProgressTimeout = 30s;

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("BACKCOACH_CRASH_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

std::vector<std::string> script_lines() {
  std::vector<std::string> lines;
  std::ifstream in(BACKCOACH_BENCH_SCRIPT);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.front() != '#') lines.push_back(line);
  }
  return lines;
}

std::string tail_of(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

class CrashSafetyTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("backcoach_crash_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    daemon_ = std::make_unique<DaemonProcess>(
        BACKCOACH_DAEMON_PATH,
        std::vector<std::string>{"--listen", "127.0.0.1:0", "--db", db_path(),
                                 "--rate-limit-messages", "1000000", "--rate-limit-new-users",
                                 "1000000", "--log-level", "warn"},
        (dir_ / "daemon.log").string());
  }
  void TearDown() override {
    daemon_.reset();
    if (!HasFailure()) std::filesystem::remove_all(dir_);  // kept for a failing run
  }
  std::string db_path() const { return (dir_ / "crash.db").string(); }
  unsigned short start_daemon() {
    const auto port = daemon_->start(kStartTimeout);
    EXPECT_NE(port, 0) << "backcoachd did not start; log:\n" << tail_of(dir_ / "daemon.log");
    return port;
  }

  std::filesystem::path dir_;
  std::unique_ptr<DaemonProcess> daemon_;
};

// Every acknowledged say is stored once, under its client's user, with its text.
void expect_acknowledged_turns_stored(const std::vector<std::shared_ptr<ResumingClient>>& clients,
                                      const std::vector<StoredTurn>& turns) {
  std::map<std::pair<std::string, std::string>, std::vector<const StoredTurn*>> by_id;
  for (const auto& t : turns) {
    if (!t.client_msg_id.empty()) by_id[{t.user_id, t.client_msg_id}].push_back(&t);
  }
  for (const auto& [key, rows] : by_id) {
    EXPECT_EQ(rows.size(), 1u) << "user " << key.first << " msg " << key.second;
  }
  for (const auto& c : clients) {
    for (const auto& said : c->acknowledged()) {
      const auto it = by_id.find({c->user(), said.id});
      if (it == by_id.end()) {
        ADD_FAILURE() << "acknowledged turn lost: user " << c->user() << " msg " << said.id;
        continue;
      }
      EXPECT_EQ(it->second.front()->user_text, said.text) << said.id;
    }
  }
}

// Turn numbers of every user run 1, 2, ..., n.
void expect_turn_numbers_without_gaps(const std::vector<StoredTurn>& turns) {
  std::map<std::string, std::vector<std::int64_t>> numbers;
  for (const auto& t : turns) numbers[t.user_id].push_back(t.turn_no);  // sorted by the query
  for (const auto& [user, nos] : numbers) {
    for (std::size_t i = 0; i < nos.size(); ++i) {
      if (nos[i] != static_cast<std::int64_t>(i + 1)) {
        ADD_FAILURE() << "user " << user << ": turn " << i + 1 << " is numbered " << nos[i];
        break;
      }
    }
  }
}

TEST_F(CrashSafetyTest, AcknowledgedTurnsSurviveKillNine) {
  const auto seed = seed_from_env();
  std::cout << "crash-safety seed: " << seed << " (rerun: BACKCOACH_CRASH_SEED=" << seed << ")\n";
  RecordProperty("seed", std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> moment_ms(0, 400);

  const auto script = script_lines();
  ASSERT_FALSE(script.empty());
  std::atomic<unsigned short> port{start_daemon()};
  ASSERT_NE(port.load(), 0);

  asio::io_context ioc{1};
  auto work = asio::make_work_guard(ioc);
  ReplyCounter replies;
  std::vector<std::shared_ptr<ResumingClient>> clients;
  for (int i = 0; i < kConversations; ++i) {
    clients.push_back(
        std::make_shared<ResumingClient>(ioc, port, script, "c" + std::to_string(i), replies));
    clients.back()->start();
  }
  std::thread io([&] { ioc.run(); });

  for (int kill = 0; kill < kKills && !HasFatalFailure(); ++kill) {
    // Let the conversations get going on this daemon, then pick the moment.
    EXPECT_TRUE(replies.wait_for(replies.value() + kConversations, kProgressTimeout))
        << "no progress before kill " << kill + 1 << "; log:\n"
        << tail_of(dir_ / "daemon.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(rng)));
    port = 0;
    daemon_->kill_hard();
    port = start_daemon();
    if (port == 0) break;
  }
  EXPECT_TRUE(replies.wait_for(replies.value() + 2 * kConversations, kProgressTimeout))
      << "no progress after the last restart";

  asio::post(ioc, [&] {
    for (auto& c : clients) c->stop();
    work.reset();
  });
  io.join();
  EXPECT_EQ(daemon_->terminate(20s), 0) << "SIGTERM after the run; log:\n"
                                        << tail_of(dir_ / "daemon.log");

  int resends = 0;
  std::map<std::string, int> errors;
  for (const auto& c : clients) {
    EXPECT_FALSE(c->user().empty());
    EXPECT_FALSE(c->acknowledged().empty());
    resends += c->resends();
    for (const auto& [code, n] : c->error_codes()) errors[code] += n;
  }
  std::cout << "acknowledged turns: " << replies.value() << ", resent says: " << resends << "\n";
  for (const auto& [code, n] : errors) std::cout << "error frames " << code << ": " << n << "\n";

  const auto turns = read_turns(db_path());
  EXPECT_GE(turns.size(), replies.value());
  expect_acknowledged_turns_stored(clients, turns);
  expect_turn_numbers_without_gaps(turns);
}

}  // namespace
}  // namespace backcoach::e2e
