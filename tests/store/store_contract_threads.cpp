// The contract's cases about threads: group commit, order, readers beside the
// writer, draining on close. Part of the StoreContract suite (store_contract.h).
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "commit_waiters.h"
#include "store_contract.h"

namespace backcoach::store::testing {

using nlohmann::json;

TEST_P(StoreContract, ConcurrentAppendsAreGroupCommittedInOrderPerUser) {
  std::mutex sizes_mutex;
  std::vector<std::size_t> batch_sizes;
  reopen({[&](std::size_t n) {
    std::lock_guard lock(sizes_mutex);
    batch_sizes.push_back(n);
  }});
  constexpr int kThreads = 4;
  constexpr int kTurnsEach = 50;
  std::vector<std::string> users;
  for (int i = 0; i < kThreads; ++i) users.push_back(new_user());

  WriterGate gate;
  store_->append_turn(make_turn(users[0], 0, ""), gate.blocking_handler());
  gate.wait_entered();
  Outcomes outcomes(kThreads * kTurnsEach);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 1; n <= kTurnsEach; ++n) {
        store_->append_turn(make_turn(users[i], n, "t", std::to_string(n)),
                            outcomes.handler(users[i] + "/" + std::to_string(n)));
      }
    });
  }
  for (auto& t : threads) t.join();
  gate.release();
  auto seen = outcomes.wait();

  std::map<std::string, std::int64_t> last_done;
  for (const auto& [tag, ec] : seen) {
    EXPECT_FALSE(ec) << tag << ": " << ec.message();
    const auto slash = tag.find('/');
    const std::int64_t n = std::stoll(tag.substr(slash + 1));
    EXPECT_EQ(n, last_done[tag.substr(0, slash)] + 1) << "handlers ran out of order: " << tag;
    last_done[tag.substr(0, slash)] = n;
  }
  for (const auto& user : users) {
    const json turns = store_->export_user(user).value()["turns"];
    const std::size_t offset = user == users[0] ? 1 : 0;  // the gate's own turn
    ASSERT_EQ(turns.size(), kTurnsEach + offset);
    for (std::size_t i = offset; i < turns.size(); ++i) {
      EXPECT_EQ(turns[i]["turn_no"], static_cast<std::int64_t>(i + 1 - offset));
    }
  }
  std::lock_guard lock(sizes_mutex);
  EXPECT_GT(*std::max_element(batch_sizes.begin(), batch_sizes.end()), 1u);
}

TEST_P(StoreContract, CloseCommitsWhatIsQueuedThenRefusesWrites) {
  const std::string user = new_user();
  Outcomes outcomes(20);
  for (int n = 1; n <= 20; ++n) {
    store_->append_turn(make_turn(user, n, "q", std::to_string(n)),
                        outcomes.handler(std::to_string(n)));
  }
  EXPECT_TRUE(store_->writable());
  store_->close();
  for (const auto& [tag, ec] : outcomes.wait()) EXPECT_FALSE(ec) << tag;
  EXPECT_FALSE(store_->writable());
  EXPECT_EQ(commit(make_turn(user, 21, "late")), errc::unavailable);
  EXPECT_EQ(store_->create_user(kNowMs).error(), errc::unavailable);
  store_->close();  // twice is fine
}

TEST_P(StoreContract, ReadsRunWhileTurnsAreCommitted) {
  const std::string user = new_user();
  constexpr int kTurns = 200;
  Outcomes outcomes(kTurns);
  std::atomic<bool> writing{true};
  std::vector<std::thread> readers;
  std::atomic<int> read_errors{0};
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (writing.load()) {
        if (!store_->recent_messages(user, 50) || !store_->load_conversation(user)) ++read_errors;
      }
    });
  }
  for (int n = 1; n <= kTurns; ++n) {
    store_->append_turn(make_turn(user, n, "w", std::to_string(n)),
                        outcomes.handler(std::to_string(n)));
  }
  for (const auto& [tag, ec] : outcomes.wait()) EXPECT_FALSE(ec) << tag;
  writing = false;
  for (auto& t : readers) t.join();
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_EQ(store_->load_conversation(user)->turns, kTurns);
}

}  // namespace backcoach::store::testing
