#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/errc.h"
#include "store/sqlite_db.h"

namespace backcoach::store {

// The one thread that writes. Jobs are queued from any thread; the writer takes
// everything waiting (up to max_batch), runs each job in its own savepoint inside
// ONE transaction, commits (one fsync for the whole batch), and only then calls
// each job's `done`, in queue order, on the writer thread. A job that fails rolls
// back to its savepoint alone; the rest of the batch still commits.
//
// Ownership: borrows the connection and its mutex; both must outlive the writer.
// The writer holds `db_mutex` for the length of each batch, so readers that share
// the connection (an in-memory database) never see half a batch.
class BatchWriter {
 public:
  // Runs inside the batch transaction on the writer thread. A non-empty error
  // rolls the job's changes back and is passed to its `done`.
  using Apply = std::function<boost::system::error_code(Database&)>;
  // Must not throw, block for long, or call stop().
  using Done = std::function<void(boost::system::error_code)>;

  struct Hooks {
    std::function<void(std::size_t)> on_batch_committed;  // batch size, after each commit
    std::function<void(const std::string&)> on_error;     // SQLite's words, no user data
  };

  BatchWriter(Database& db, std::mutex& db_mutex, std::size_t max_batch, Hooks hooks);
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;
  ~BatchWriter();

  // Queues a job. After stop() has begun, `done` runs at once on the calling
  // thread with errc::unavailable and `apply` never runs.
  void submit(Apply apply, Done done);

  // Commits everything queued, then stops the thread. Idempotent.
  // REQUIRES: not called on the writer thread (from a Done).
  void stop();

  bool on_writer_thread() const noexcept;
  // False after a batch failed to begin or commit, until one commits again.
  bool healthy() const noexcept { return healthy_.load(); }

 private:
  struct Job {
    Apply apply;
    Done done;
  };

  void run();
  bool take(std::vector<Job>& batch);
  void commit(std::vector<Job>& batch);
  boost::system::error_code apply_one(Job& job, bool& broken);
  void report(const std::string& what);

  Database& db_;
  std::mutex& db_mutex_;
  const std::size_t max_batch_;
  const Hooks hooks_;
  std::atomic<bool> healthy_{true};

  std::mutex mutex_;  // guards queue_ and stopping_
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::mutex stop_mutex_;  // serialises stop() callers
  std::thread thread_;     // last: starts after everything above exists
};

}  // namespace backcoach::store
