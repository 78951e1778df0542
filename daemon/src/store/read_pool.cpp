#include "store/read_pool.h"

#include <utility>

namespace backcoach::store {

ReadPool::Lease::Lease(ReadPool* pool, std::unique_ptr<Database> owned) noexcept
    : pool_(pool), owned_(std::move(owned)), db_(owned_.get()) {}

ReadPool::Lease::Lease(Database& shared, std::unique_lock<std::mutex> lock) noexcept
    : lock_(std::move(lock)), db_(&shared) {}

ReadPool::Lease::~Lease() {
  if (pool_ != nullptr && owned_ != nullptr) pool_->give_back(std::move(owned_));
}

ReadPool::ReadPool(std::string path, int busy_timeout_ms, std::size_t max_idle)
    : path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms), max_idle_(max_idle) {}

ReadPool::ReadPool(Database& shared, std::mutex& mutex) : shared_(&shared), shared_mutex_(&mutex) {}

result<ReadPool::Lease> ReadPool::acquire() {
  if (shared_ != nullptr) {
    // Lock first, check second: close() waits for this lock after marking the
    // pool closed, so no lease can start after close() returns.
    std::unique_lock shared_lock(*shared_mutex_);
    std::lock_guard lock(mutex_);
    if (closed_) return errc::unavailable;
    return Lease(*shared_, std::move(shared_lock));
  }
  std::unique_ptr<Database> db;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return errc::unavailable;
    if (!idle_.empty()) {
      db = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (db == nullptr) {
    // Opened outside the lock: opening reads the file and may wait on a busy lock.
    auto opened =
        Database::open(path_, {.read_only = true, .create = false}, busy_timeout_ms_, nullptr);
    if (!opened) return opened.error();
    db = std::move(*opened);
  }
  return Lease(this, std::move(db));
}

void ReadPool::close() {
  std::vector<std::unique_ptr<Database>> closing;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    closing.swap(idle_);
  }
  if (shared_ != nullptr) {
    // Waits for a read in flight on the shared connection to finish.
    std::lock_guard wait(*shared_mutex_);
  }
}

void ReadPool::give_back(std::unique_ptr<Database> db) {
  std::lock_guard lock(mutex_);
  if (!closed_ && idle_.size() < max_idle_) idle_.push_back(std::move(db));
  // Otherwise `db` closes here.
}

}  // namespace backcoach::store
