#include "store/online_backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "store/sqlite_store.h"
#include "temp_dir.h"

namespace backcoach::store {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

constexpr std::int64_t kT0 = 1714564800000;

TurnRecord make_turn(const std::string& user, std::int64_t n) {
  TurnRecord t;
  t.user_id = user;
  t.turn_no = n;
  t.channel = "ws";
  t.user_text = std::string(1500, 'a' + static_cast<char>(n % 26));  // many pages to copy
  t.state = nlohmann::json{{"turn", n}};
  t.created_at_ms = kT0 + n;
  return t;
}

boost::system::error_code commit(Store& store, TurnRecord turn) {
  std::promise<boost::system::error_code> done;
  store.append_turn(std::move(turn), [&done](boost::system::error_code ec) { done.set_value(ec); });
  return done.get_future().get();
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  return names;
}

SqliteOptions read_only() {
  SqliteOptions o;
  o.create_if_missing = false;
  o.read_only = true;
  return o;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class OnlineBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("live.db");
    dest_ = dir_.file("backup.db");
    store_ = SqliteStore::open(db_).value();
  }

  // `users` people with `turns` turns each, committed.
  void fill(int users, int turns) {
    for (int u = 0; u < users; ++u) {
      const std::string id = store_->create_user(kT0).value();
      for (int n = 1; n <= turns; ++n) ASSERT_FALSE(commit(*store_, make_turn(id, n)));
      ids_.push_back(id);
    }
  }

  std::unique_ptr<SqliteStore> open_copy() { return SqliteStore::open(dest_, read_only()).value(); }

  testing::TempDir dir_;
  std::string db_;
  std::string dest_;
  std::unique_ptr<SqliteStore> store_;
  std::vector<std::string> ids_;
};

TEST_F(OnlineBackupTest, CopyTakenWhileTurnsCommitHoldsEveryEarlierTurnAndPassesItsCheck) {
  fill(4, 60);  // about 100 pages
  std::atomic<bool> stop{false};
  std::atomic<int> committed{0};
  std::thread writer([&] {
    for (std::int64_t n = 61; !stop; ++n) {
      if (!commit(*store_, make_turn(ids_[n % ids_.size()], n))) ++committed;
    }
  });
  while (committed < 5) std::this_thread::yield();  // the writer is running

  const int before = 240 + committed.load();
  BackupOptions slow;
  slow.pages_per_step = 2;  // dozens of steps, a few ms each
  slow.pause = std::chrono::milliseconds(2);
  std::string why;
  auto report = backup_database(db_, dest_, slow, &why);
  const int during = 240 + committed.load() - before;
  stop = true;
  writer.join();

  ASSERT_TRUE(report.has_value()) << why;
  EXPECT_GT(report->steps, 20);
  EXPECT_GT(during, 0) << "the store could not commit while the backup ran";
  EXPECT_FALSE(check_integrity(dest_));
  EXPECT_GE(report->contents.turns, before);
  EXPECT_EQ(report->contents.users, 4);

  // The copy opens as a database of its own, as one snapshot: each person's
  // turn count agrees with the turns stored for them.
  auto copy = open_copy();
  EXPECT_EQ(copy->stats()->turns, report->contents.turns);
  for (const auto& id : ids_) {
    const auto doc = copy->export_user(id).value();
    EXPECT_EQ(doc["conversation"]["turns"].get<std::size_t>(), doc["turns"].size());
  }
  copy->close();
  // One self-contained file readable by its owner only; nothing left beside it.
  struct stat st {};
  ASSERT_EQ(::stat(dest_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  const std::string header = read_all(dest_).substr(0, 20);
  EXPECT_EQ(header.substr(18, 2), std::string("\x01\x01")) << "not in rollback-journal mode";
  EXPECT_THAT(files_in(dir_.path()),
              UnorderedElementsAre("live.db", "live.db-wal", "live.db-shm", "backup.db"));
}

TEST_F(OnlineBackupTest, ANewBackupReplacesTheOldOne) {
  fill(1, 1);
  ASSERT_TRUE(backup_database(db_, dest_).has_value());
  fill(2, 1);
  auto report = backup_database(db_, dest_);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->contents.users, 3);
  auto copy = open_copy();
  EXPECT_EQ(copy->stats()->users, 3);
}

TEST_F(OnlineBackupTest, AFailedBackupLeavesTheOldBackupAndNoTemporaryFile) {
  { std::ofstream(dest_) << "yesterday's backup"; }
  const std::string junk = dir_.file("junk.db");
  { std::ofstream(junk) << std::string(8192, 'x'); }
  std::string why;
  auto report = backup_database(junk, dest_, {}, &why);
  ASSERT_FALSE(report.has_value());
  EXPECT_THAT(why, HasSubstr("file is not a database"));
  EXPECT_EQ(read_all(dest_), "yesterday's backup");
  EXPECT_THAT(files_in(dir_.path()), UnorderedElementsAre("live.db", "live.db-wal", "live.db-shm",
                                                          "backup.db", "junk.db"));
}

TEST_F(OnlineBackupTest, RefusesAMissingSourceTheLiveFileAndAFolder) {
  std::string why;
  EXPECT_EQ(backup_database(dir_.file("typo.db"), dest_, {}, &why).error(), errc::not_found);
  EXPECT_THAT(why, HasSubstr("no database at"));
  EXPECT_FALSE(fs::exists(dir_.file("typo.db")));

  EXPECT_EQ(backup_database(db_, db_, {}, &why).error(), errc::invalid_argument);
  EXPECT_THAT(why, HasSubstr("is the live database itself"));

  EXPECT_EQ(backup_database(db_, dir_.path().string(), {}, &why).error(), errc::invalid_argument);
  EXPECT_THAT(why, HasSubstr("is a folder"));

  EXPECT_EQ(backup_database(db_, dir_.file("no/such/folder/b.db"), {}, &why).error(),
            errc::storage_error);
  EXPECT_THAT(why, HasSubstr("cannot create a file beside"));
}

TEST_F(OnlineBackupTest, IntegrityCheckFindsADamagedPage) {
  fill(2, 30);
  ASSERT_TRUE(backup_database(db_, dest_).has_value());
  EXPECT_FALSE(check_integrity(dest_));
  {
    std::fstream f(dest_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 5);  // inside the tables, past the schema on page 1
    const std::string garbage(4096, '\xff');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  std::string why;
  EXPECT_EQ(check_integrity(dest_, &why), errc::storage_error);
  EXPECT_FALSE(why.empty());
}

}  // namespace
}  // namespace backcoach::store
