#include "store/batch_writer.h"

#include <algorithm>
#include <utility>

namespace backcoach::store {

BatchWriter::BatchWriter(Database& db, std::mutex& db_mutex, std::size_t max_batch, Hooks hooks)
    : db_(db),
      db_mutex_(db_mutex),
      max_batch_(max_batch > 0 ? max_batch : 1),
      hooks_(std::move(hooks)) {
  thread_ = std::thread([this] { run(); });
}

BatchWriter::~BatchWriter() { stop(); }

void BatchWriter::submit(Apply apply, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back({std::move(apply), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(make_error_code(errc::unavailable));
}

void BatchWriter::stop() {
  std::lock_guard stop_lock(stop_mutex_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool BatchWriter::on_writer_thread() const noexcept {
  return std::this_thread::get_id() == thread_.get_id();
}

void BatchWriter::run() {
  std::vector<Job> batch;
  batch.reserve(max_batch_);
  while (take(batch)) {
    commit(batch);
    batch.clear();
  }
}

// Waits for work; false once stopping and the queue is drained.
bool BatchWriter::take(std::vector<Job>& batch) {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  if (queue_.empty()) return false;
  while (!queue_.empty() && batch.size() < max_batch_) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return true;
}

void BatchWriter::commit(std::vector<Job>& batch) {
  std::vector<boost::system::error_code> results(batch.size());
  boost::system::error_code batch_error;
  {
    std::lock_guard db_lock(db_mutex_);
    Transaction txn(db_, Transaction::Kind::kWrite);
    batch_error = txn.begin_error();
    if (!batch_error) {
      bool broken = false;
      for (std::size_t i = 0; i < batch.size() && !broken; ++i) {
        results[i] = apply_one(batch[i], broken);
      }
      // A savepoint that could not be rolled back may hold half a job: commit nothing.
      batch_error = broken ? make_error_code(errc::storage_error) : txn.commit();
    }
    if (batch_error)
      report("batch of " + std::to_string(batch.size()) + " not committed: " + db_.last_error());
  }
  // A job refused for want of space (or a read-only file) makes the store unhealthy
  // even when the rest of the batch committed.
  const bool refused = std::any_of(results.begin(), results.end(),
                                   [](const auto& r) { return r == errc::unavailable; });
  healthy_.store(!batch_error && !refused);
  if (batch_error) {
    // Nothing of the batch is stored; jobs that had failed on their own keep their reason.
    // A full disk is "not now" (unavailable) for all; any other failure is ours.
    const auto reason =
        batch_error == errc::unavailable ? batch_error : make_error_code(errc::storage_error);
    for (auto& r : results) {
      if (!r) r = reason;
    }
  } else if (hooks_.on_batch_committed) {
    hooks_.on_batch_committed(batch.size());
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].done) batch[i].done(results[i]);
  }
}

boost::system::error_code BatchWriter::apply_one(Job& job, bool& broken) {
  if (auto ec = db_.exec("SAVEPOINT job")) {
    broken = true;
    return ec;
  }
  auto ec = job.apply(db_);
  if (ec) {
    const bool expected = ec == errc::duplicate || ec == errc::not_found;
    if (!expected) report("write failed: " + db_.last_error());
    if (db_.exec("ROLLBACK TO job")) broken = true;
  }
  if (db_.exec("RELEASE job")) broken = true;
  return broken ? make_error_code(errc::storage_error) : ec;
}

void BatchWriter::report(const std::string& what) {
  if (hooks_.on_error) hooks_.on_error(what);
}

}  // namespace backcoach::store
