#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/errc.h"
#include "store/sqlite_db.h"

namespace backcoach::store {

// Read connections for any number of threads. With a file database each reader
// gets a connection of its own (WAL lets it read while the writer writes);
// connections are opened on demand and up to `max_idle` are kept for reuse.
// An in-memory database has only one connection, so the pool then lends that
// one connection under its mutex (the writer holds the same mutex per batch).
//
// Thread-safety: all methods may be called from any thread. The pool must
// outlive its leases.
class ReadPool {
 public:
  class Lease {
   public:
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Database& db() noexcept { return *db_; }

   private:
    friend class ReadPool;
    Lease(ReadPool* pool, std::unique_ptr<Database> owned) noexcept;
    Lease(Database& shared, std::unique_lock<std::mutex> lock) noexcept;

    ReadPool* pool_ = nullptr;  // set when `owned_` goes back to the pool
    std::unique_ptr<Database> owned_;
    std::unique_lock<std::mutex> lock_;  // held while lending the shared connection
    Database* db_ = nullptr;
  };

  // Opens read-only connections to `path` on demand.
  ReadPool(std::string path, int busy_timeout_ms, std::size_t max_idle);
  // Lends `shared`, guarded by `mutex`. Both must outlive the pool.
  ReadPool(Database& shared, std::mutex& mutex);

  // A connection for one read; errc::unavailable after close().
  result<Lease> acquire();

  // Closes idle connections; later acquire() calls fail. Leases already out stay
  // valid and close their connection when they end.
  void close();

 private:
  void give_back(std::unique_ptr<Database> db);

  const std::string path_;
  const int busy_timeout_ms_ = 0;
  const std::size_t max_idle_ = 0;
  Database* shared_ = nullptr;
  std::mutex* shared_mutex_ = nullptr;

  std::mutex mutex_;  // guards idle_ and closed_
  std::vector<std::unique_ptr<Database>> idle_;
  bool closed_ = false;
};

}  // namespace backcoach::store
