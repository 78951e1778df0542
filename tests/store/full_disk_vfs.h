#pragma once

struct sqlite3_vfs;

namespace backcoach::store::testing {

// A SQLite VFS for tests: it wraps the process's default VFS and, while the disk
// is "full", fails every file write as a real full disk does: with SQLITE_FULL (a
// short write on ENOSPC), or with SQLITE_IOERR_WRITE and errno EFBIG, which is what
// SQLite's unix VFS returns past a file size limit (RLIMIT_FSIZE); a failing device
// (EIO) is the third kind. Reads and the WAL index (shared memory) keep working.
// Constructing it makes it the default VFS, so every connection opened afterwards
// (by the store under test) goes through it; the destructor restores the old one.
// One at a time per process; set_full from any thread.
class FullDiskVfs {
 public:
  FullDiskVfs();
  ~FullDiskVfs();
  FullDiskVfs(const FullDiskVfs&) = delete;
  FullDiskVfs& operator=(const FullDiskVfs&) = delete;

  enum class Fault { none, full, file_too_large, device_error };

  void set_full(bool full) { set(full ? Fault::full : Fault::none); }
  void set(Fault fault);

 private:
  sqlite3_vfs* previous_;
};

}  // namespace backcoach::store::testing
