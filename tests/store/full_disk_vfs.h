#pragma once

struct sqlite3_vfs;

namespace backcoach::store::testing {

// A SQLite VFS for tests: it wraps the process's default VFS and, while the disk
// is "full", fails every file write with SQLITE_FULL, as a real full disk or a
// failing device does. Reads and the WAL index (shared memory) keep working.
// Constructing it makes it the default VFS, so every connection opened afterwards
// (by the store under test) goes through it; the destructor restores the old one.
// One at a time per process; set_full from any thread.
class FullDiskVfs {
 public:
  FullDiskVfs();
  ~FullDiskVfs();
  FullDiskVfs(const FullDiskVfs&) = delete;
  FullDiskVfs& operator=(const FullDiskVfs&) = delete;

  void set_full(bool full);

 private:
  sqlite3_vfs* previous_;
};

}  // namespace backcoach::store::testing
