#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/errc.h"
#include "store/store.h"

namespace backcoach::store {

struct BackupOptions {
  // Pages copied per sqlite3_backup_step (4 KiB pages: 1 MiB per step).
  int pages_per_step = 256;
  // Rest between steps, so a long copy leaves the disk to the daemon now and then.
  std::chrono::milliseconds pause{1};
  // After SQLITE_BUSY or SQLITE_LOCKED: wait this long and try the step again,
  // for at most `give_up` in all before failing.
  std::chrono::milliseconds busy_retry{20};
  std::chrono::milliseconds give_up{60000};
  int busy_timeout_ms = 5000;
};

// What was copied, read back from the copy after its integrity check.
struct BackupReport {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;  // size of the finished copy
  int steps = 0;
  int busy_retries = 0;
  Stats contents;  // users, turns and red flags in the copy
};

// Copies the SQLite database at `source` to `dest` with SQLite's online backup
// API while other processes (a running daemon) keep writing to it.
//
// The copy is one snapshot: a read transaction on `source` is held from the
// start, so it holds every transaction committed before the call and none that
// committed later, and in WAL mode it never blocks the daemon's writer. Pages go
// into a new file beside `dest` (mode 0600) in steps; the copy is switched to a
// rollback journal (one self-contained file), must pass `PRAGMA integrity_check`,
// and is then renamed over `dest` atomically (and the folder fsynced). On any
// failure `dest` is untouched, the temporary file removed, and `why` (when given)
// says what an operator needs to know. `source` is opened read-only and never
// created. Blocks the calling thread for the length of the copy.
result<BackupReport> backup_database(const std::string& source, const std::string& dest,
                                     const BackupOptions& options = {}, std::string* why = nullptr);

// Runs `PRAGMA integrity_check` on the database at `path` (read-only). Success
// when SQLite answers "ok"; otherwise storage_error and `why` holds SQLite's first
// complaint (or why the file could not be opened).
boost::system::error_code check_integrity(const std::string& path, std::string* why = nullptr);

}  // namespace backcoach::store
