#include "full_disk_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace backcoach::store::testing {
namespace {

std::atomic<FullDiskVfs::Fault> g_fault{FullDiskVfs::Fault::none};
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};

// Our file: the real VFS's file follows it in the same allocation.
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }

int shim_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int shim_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 at) {
  return real_of(f)->pMethods->xRead(real_of(f), buf, n, at);
}
int shim_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 at) {
  // errno is what the real VFS's xGetLastError (sqlite3_system_errno) reports.
  switch (g_fault.load()) {
    case FullDiskVfs::Fault::full:
      return SQLITE_FULL;
    case FullDiskVfs::Fault::file_too_large:
      errno = EFBIG;
      return SQLITE_IOERR_WRITE;
    case FullDiskVfs::Fault::device_error:
      errno = EIO;
      return SQLITE_IOERR_WRITE;
    case FullDiskVfs::Fault::none:
      break;
  }
  return real_of(f)->pMethods->xWrite(real_of(f), buf, n, at);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int shim_sync(sqlite3_file* f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); }
int shim_size(sqlite3_file* f, sqlite3_int64* size) {
  return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
int shim_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int shim_unlock(sqlite3_file* f, int level) {
  return real_of(f)->pMethods->xUnlock(real_of(f), level);
}
int shim_check_lock(sqlite3_file* f, int* out) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int shim_control(sqlite3_file* f, int op, void* arg) {
  return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int shim_sector(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int shim_device(sqlite3_file* f) {
  return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int shim_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int shim_shm_unmap(sqlite3_file* f, int remove) {
  return real_of(f)->pMethods->xShmUnmap(real_of(f), remove);
}

// Version 2: memory-mapped I/O (xFetch) is left out, so every write goes through xWrite.
const sqlite3_io_methods kMethods = {
    2,           shim_close,   shim_read,     shim_write,       shim_truncate,  shim_sync,
    shim_size,   shim_lock,    shim_unlock,   shim_check_lock,  shim_control,   shim_sector,
    shim_device, shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap, nullptr,
    nullptr};

int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  shim->base.pMethods = nullptr;
  shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
  const int rc = g_real->xOpen(g_real, name, shim->real, flags, out_flags);
  if (shim->real->pMethods != nullptr) shim->base.pMethods = &kMethods;
  return rc;
}

}  // namespace

FullDiskVfs::FullDiskVfs() : previous_(sqlite3_vfs_find(nullptr)) {
  g_real = previous_;
  g_vfs = *previous_;  // every other method is the real one's
  g_vfs.iVersion = previous_->iVersion;
  g_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + previous_->szOsFile;
  g_vfs.zName = "backcoach_full_disk";
  g_vfs.pNext = nullptr;
  g_vfs.xOpen = shim_open;
  g_fault.store(Fault::none);
  sqlite3_vfs_register(&g_vfs, 1);
}

FullDiskVfs::~FullDiskVfs() {
  sqlite3_vfs_unregister(&g_vfs);
  sqlite3_vfs_register(previous_, 1);
  g_fault.store(Fault::none);
}

void FullDiskVfs::set(Fault fault) { g_fault.store(fault); }

}  // namespace backcoach::store::testing
