#pragma once

#include <cstddef>
#include <future>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace backcoach::store::testing {

// Appends the turn and waits for its commit (or failure).
inline boost::system::error_code commit(Store& store, TurnRecord turn) {
  std::promise<boost::system::error_code> done;
  auto committed = done.get_future();
  store.append_turn(std::move(turn), [&done](boost::system::error_code ec) { done.set_value(ec); });
  return committed.get();
}

// Holds the writer inside one CommitHandler until released, so that every turn
// appended meanwhile is waiting when the writer takes its next batch.
class WriterGate {
 public:
  Store::CommitHandler blocking_handler() {
    return [this](boost::system::error_code) {
      entered_.set_value();
      release_.get_future().wait();
    };
  }
  void wait_entered() { entered_.get_future().wait(); }
  void release() { release_.set_value(); }

 private:
  std::promise<void> entered_;
  std::promise<void> release_;
};

// Collects CommitHandler results from the writer thread.
class Outcomes {
 public:
  explicit Outcomes(std::size_t expected) : expected_(expected) {}
  Store::CommitHandler handler(std::string tag) {
    return [this, tag = std::move(tag)](boost::system::error_code ec) {
      std::lock_guard lock(mutex_);
      seen_.emplace_back(tag, ec);
      if (seen_.size() == expected_) all_.set_value();
    };
  }
  std::vector<std::pair<std::string, boost::system::error_code>> wait() {
    all_.get_future().wait();
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  std::size_t expected_;
  std::mutex mutex_;
  std::vector<std::pair<std::string, boost::system::error_code>> seen_;
  std::promise<void> all_;
};

}  // namespace backcoach::store::testing
