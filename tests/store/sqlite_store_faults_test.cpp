// The SQLite store when things go wrong on disk, and what an erase leaves behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>

#include "commit_waiters.h"
#include "full_disk_vfs.h"
#include "store/sqlite_store.h"
#include "temp_dir.h"

namespace backcoach::store::testing {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kT0 = 1714564800000;

std::unique_ptr<SqliteStore> open_or_fail(const std::string& path) {
  std::string why;
  auto store = SqliteStore::open(path, {}, &why);
  EXPECT_TRUE(store.has_value()) << why;
  return store ? std::move(*store) : nullptr;
}

TurnRecord said(const std::string& user, std::int64_t n, std::string text) {
  TurnRecord t;
  t.user_id = user;
  t.turn_no = n;
  t.client_msg_id = "m" + std::to_string(n);
  t.channel = "ws";
  t.user_text = std::move(text);
  t.messages = nlohmann::json::array({{{"text", "reply"}}});
  t.state = {{"turn", n}};
  t.created_at_ms = kT0 + n;
  return t;
}

// Whether `needle` occurs anywhere in the file's bytes (false when there is no file).
bool file_holds(const std::string& path, const std::string& needle) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  return bytes.find(needle) != std::string::npos;
}

bool any_file_holds(const std::string& db, const std::string& needle) {
  return file_holds(db, needle) || file_holds(db + "-wal", needle) ||
         file_holds(db + "-shm", needle);
}

TEST(SqliteStoreFaults, EraseLeavesNoTraceInTheDatabaseWalOrShm) {
  TempDir dir;
  const std::string path = dir.file("chat.db");
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  const std::string secret = "my neighbour Zanzibar-Quokka-7731 hurt my back";
  const std::string user = store->create_user(kT0).value();
  // Many turns, so that the text is spread over pages, the WAL and an index.
  for (int n = 1; n <= 40; ++n) ASSERT_FALSE(commit(*store, said(user, n, secret)));
  // And a message still owed to their bot, as a turn queues it.
  auto owing = said(user, 41, "and one more");
  owing.outgoing = {{"bot:kiosk", "alice", {{"replies", {{{"text", secret}}}}}}};
  ASSERT_FALSE(commit(*store, owing));
  const std::string keep = store->create_user(kT0).value();
  ASSERT_FALSE(commit(*store, said(keep, 1, "someone else's words")));
  // Their daily check-in and pain journal (migration 6) go with them.
  ASSERT_TRUE(store
                  ->put_reminder({user, "daily", "09:00", "America/Argentina/ComodRivadavia", "ws",
                                  kT0, std::nullopt},
                                 kT0)
                  .has_value());
  auto checkin = said(user, 42, "4");
  checkin.coaching.journal =
      JournalChange{"2024-05-01", true, 4, true, "worse", {"Quokka-flag-7731"}};
  ASSERT_FALSE(commit(*store, checkin));
  ASSERT_TRUE(any_file_holds(path, "Zanzibar-Quokka-7731"));  // the probe can see text
  ASSERT_TRUE(any_file_holds(path, "ComodRivadavia"));
  ASSERT_TRUE(any_file_holds(path, "Quokka-flag-7731"));

  ASSERT_TRUE(store->erase_user(user).value());

  // While the store is still open, as it is in a running daemon.
  for (const char* trace : {"Zanzibar-Quokka-7731", "ComodRivadavia", "Quokka-flag-7731"}) {
    EXPECT_FALSE(file_holds(path, trace)) << trace;
    EXPECT_FALSE(file_holds(path + "-wal", trace)) << trace;
    EXPECT_FALSE(file_holds(path + "-shm", trace)) << trace;
  }
  EXPECT_EQ(store->load_conversation(keep)->turns, 1);
  EXPECT_EQ(store->depth()->queued, 0);
  EXPECT_TRUE(store->writable());
}

class SqliteStoreDiskFull : public ::testing::Test {
 protected:
  TempDir dir_;
  FullDiskVfs vfs_;
};

// SQLITE_FULL (a short write on ENOSPC), or past a file size limit (ulimit -f,
// LimitFSIZE=) SQLITE_IOERR_WRITE with errno EFBIG: a full disk either way.
class SqliteStoreDiskFullKinds : public SqliteStoreDiskFull,
                                 public ::testing::WithParamInterface<FullDiskVfs::Fault> {};

TEST_P(SqliteStoreDiskFullKinds, WritesFailAsUnavailableAndWritableFollowsTheDisk) {
  auto store = open_or_fail(dir_.file("chat.db"));
  ASSERT_NE(store, nullptr);
  const std::string user = store->create_user(kT0).value();
  ASSERT_FALSE(commit(*store, said(user, 1, "first")));
  EXPECT_TRUE(store->writable());

  vfs_.set(GetParam());
  // A full disk is "not accepting writes now" (unavailable), not an internal error.
  EXPECT_EQ(commit(*store, said(user, 2, "second")), errc::unavailable);
  EXPECT_EQ(store->create_user(kT0).error(), errc::unavailable);
  EXPECT_FALSE(store->writable());
  EXPECT_FALSE(store->writable());  // asked again: still full

  vfs_.set(FullDiskVfs::Fault::none);
  EXPECT_TRUE(store->writable());  // finds out by itself, with no turn written meanwhile
  EXPECT_FALSE(commit(*store, said(user, 2, "second")));
  EXPECT_EQ(store->load_conversation(user)->turns, 2);
}

INSTANTIATE_TEST_SUITE_P(Kinds, SqliteStoreDiskFullKinds,
                         ::testing::Values(FullDiskVfs::Fault::full,
                                           FullDiskVfs::Fault::file_too_large),
                         [](const ::testing::TestParamInfo<FullDiskVfs::Fault>& param_info) {
                           return param_info.param == FullDiskVfs::Fault::full ? "NoSpace"
                                                                               : "FileTooLarge";
                         });

// A device that fails (EIO) is not "try later": it stays an internal error.
TEST_F(SqliteStoreDiskFull, ADeviceErrorIsNotTakenForAFullDisk) {
  auto store = open_or_fail(dir_.file("chat.db"));
  ASSERT_NE(store, nullptr);
  const std::string user = store->create_user(kT0).value();
  vfs_.set(FullDiskVfs::Fault::device_error);
  EXPECT_EQ(commit(*store, said(user, 1, "first")), errc::storage_error);
  EXPECT_FALSE(store->writable());
}

TEST_F(SqliteStoreDiskFull, ADatabaseThatCannotBeWrittenIsRefusedAtOpen) {
  const std::string path = dir_.file("chat.db");
  open_or_fail(path)->close();
  vfs_.set_full(true);
  std::string why;
  auto store = SqliteStore::open(path, {}, &why);
  ASSERT_FALSE(store.has_value());
  EXPECT_THAT(why, HasSubstr(path));
  EXPECT_THAT(why, HasSubstr("cannot write"));
}

}  // namespace
}  // namespace backcoach::store::testing
