#include "store/online_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>

#include "store/fail.h"
#include "store/sql_reads.h"
#include "store/sqlite_db.h"

namespace backcoach::store {
namespace {

namespace fs = std::filesystem;

void set_why(std::string* why, std::string text) {
  if (why != nullptr) *why = std::move(text);
}

// The copy being built: a unique file beside the destination (so the final
// rename stays on one filesystem), removed with its journal unless kept.
class TempCopy {
 public:
  static result<TempCopy> create(const fs::path& dest, std::string* why) {
    std::string pattern = dest.string() + ".tmp-XXXXXX";
    const int fd = ::mkstemp(pattern.data());  // mode 0600: the copy holds health data
    if (fd < 0) {
      set_why(why, "cannot create a file beside " + dest.string() + ": " +
                       std::generic_category().message(errno));
      return errc::storage_error;
    }
    ::close(fd);
    return TempCopy(std::move(pattern));
  }
  TempCopy(TempCopy&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TempCopy& operator=(TempCopy&&) = delete;
  ~TempCopy() {
    if (path_.empty()) return;
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ec);
  }
  const std::string& path() const { return path_; }
  void keep() { path_.clear(); }

 private:
  explicit TempCopy(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

boost::system::error_code check_destination(const fs::path& source, const fs::path& dest,
                                            std::string* why) {
  std::error_code ec;
  if (fs::is_directory(dest, ec)) {
    set_why(why, dest.string() + " is a folder; name the backup file");
    return errc::invalid_argument;
  }
  if (fs::exists(dest, ec) && fs::equivalent(source, dest, ec)) {
    set_why(why, dest.string() + " is the live database itself");
    return errc::invalid_argument;
  }
  return {};
}

// Opens a read transaction and reads once, so the snapshot is fixed from here
// on: every backup step reads it, and another process's commits neither show
// up in the copy nor restart it.
boost::system::error_code begin_snapshot(Database& source, std::string* why) {
  boost::system::error_code ec = source.exec("BEGIN");
  if (!ec) ec = source.exec("SELECT count(*) FROM sqlite_schema");
  if (ec) set_why(why, "cannot read the database: " + source.last_error());
  return ec;
}

bool busy(int rc) { return rc == SQLITE_BUSY || rc == SQLITE_LOCKED; }

// Steps through the pages, resting between steps and retrying while locked.
int run_steps(sqlite3_backup* backup, const BackupOptions& options, BackupReport& report) {
  std::chrono::milliseconds waited{0};
  for (;;) {
    const int rc = sqlite3_backup_step(backup, options.pages_per_step);
    if (rc == SQLITE_DONE) return SQLITE_OK;
    if (rc == SQLITE_OK) {
      ++report.steps;
      if (options.pause.count() > 0) std::this_thread::sleep_for(options.pause);
    } else if (busy(rc & 0xff) && waited < options.give_up) {
      ++report.busy_retries;
      waited += options.busy_retry;
      std::this_thread::sleep_for(options.busy_retry);
    } else {
      return rc;
    }
  }
}

boost::system::error_code copy_pages(Database& source, Database& copy, const BackupOptions& options,
                                     BackupReport& report, std::string* why) {
  sqlite3_backup* backup = sqlite3_backup_init(copy.handle(), "main", source.handle(), "main");
  if (backup == nullptr) {
    set_why(why, "cannot start the backup: " + copy.last_error());
    return errc::storage_error;
  }
  const int step_rc = run_steps(backup, options, report);
  report.pages = sqlite3_backup_pagecount(backup);
  const int finish_rc = sqlite3_backup_finish(backup);  // always frees `backup`
  const int rc = step_rc != SQLITE_OK ? step_rc : finish_rc;
  if (rc == SQLITE_OK) return {};
  set_why(why, std::string("copying pages failed: ") + sqlite3_errstr(rc));
  return busy(rc & 0xff) ? errc::unavailable : errc::storage_error;
}

// A rollback journal makes the copy one self-contained file (the source's WAL
// flag came over with its first page); the daemon switches it back on restore.
boost::system::error_code make_self_contained(Database& copy, std::string* why) {
  auto ec = copy.exec("PRAGMA journal_mode = DELETE");
  if (ec) set_why(why, "cannot finish the copy: " + copy.last_error());
  return ec;
}

// Copies `source` into the file at `temp` and closes it.
boost::system::error_code write_copy(const std::string& source, const std::string& temp,
                                     const BackupOptions& options, BackupReport& report,
                                     std::string* why) {
  auto from =
      Database::open(source, {.read_only = true, .create = false}, options.busy_timeout_ms, why);
  if (!from) return from.error();
  auto to =
      Database::open(temp, {.read_only = false, .create = false}, options.busy_timeout_ms, why);
  if (!to) return to.error();
  if (auto ec = begin_snapshot(**from, why)) return ec;
  if (auto ec = copy_pages(**from, **to, options, report, why)) return ec;
  (*from)->exec("COMMIT");  // ends the read snapshot; nothing to commit
  return make_self_contained(**to, why);
}

boost::system::error_code read_back(const std::string& temp, const BackupOptions& options,
                                    BackupReport& report, std::string* why) {
  std::string complaint;
  if (auto ec = check_integrity(temp, &complaint)) {
    set_why(why, "the copy failed its integrity check: " + complaint);
    return ec;
  }
  auto copy =
      Database::open(temp, {.read_only = true, .create = false}, options.busy_timeout_ms, why);
  if (!copy) return copy.error();
  auto stats = sql::stats(**copy);
  if (!stats) {
    set_why(why, "the copy is not a backcoach database: " + (*copy)->last_error());
    return stats.error();
  }
  report.contents = std::move(*stats);
  std::error_code ec;
  report.bytes = static_cast<std::int64_t>(fs::file_size(temp, ec));
  return {};
}

// rename(2) replaces `dest` in one step; the folder's fsync makes the new name
// survive a crash.
boost::system::error_code publish(const std::string& temp, const fs::path& dest, std::string* why) {
  std::error_code ec;
  fs::rename(temp, dest, ec);
  if (ec) {
    set_why(why, "cannot rename the copy to " + dest.string() + ": " + ec.message());
    return errc::storage_error;
  }
  const fs::path folder = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return {};
}

}  // namespace

result<BackupReport> backup_database(const std::string& source, const std::string& dest,
                                     const BackupOptions& options, std::string* why) {
  std::error_code exists_ec;
  if (!fs::exists(source, exists_ec)) {
    set_why(why, "no database at " + source);
    return errc::not_found;
  }
  if (auto ec = check_destination(source, dest, why)) return ec;
  auto temp = TempCopy::create(dest, why);
  if (!temp) return temp.error();
  BackupReport report;
  if (auto ec = write_copy(source, temp->path(), options, report, why)) return ec;
  if (auto ec = read_back(temp->path(), options, report, why)) return ec;
  if (auto ec = publish(temp->path(), dest, why)) return ec;
  temp->keep();
  return report;
}

boost::system::error_code check_integrity(const std::string& path, std::string* why) {
  auto db = Database::open(path, {.read_only = true, .create = false}, 5000, why);
  if (!db) return db.error();
  auto stmt = (*db)->prepare("PRAGMA integrity_check");
  if (!stmt) {
    set_why(why, (*db)->last_error());
    return stmt.error();
  }
  auto row = (*stmt)->step();
  if (!row) {
    set_why(why, (*db)->last_error());
    return row.error();
  }
  const std::string first = *row ? (*stmt)->column_text(0) : std::string("no answer");
  if (first == "ok") return {};
  set_why(why, first);
  return errc::storage_error;
}

}  // namespace backcoach::store
