#include "store/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <iterator>
#include <numeric>
#include <vector>

#include "commit_waiters.h"
#include "store/sqlite_db.h"
#include "store_contract.h"
#include "temp_dir.h"

namespace backcoach::store::testing {
namespace {

// True when the statement stepped onto a row.
bool has_row(Statement& stmt) {
  auto row = stmt.step();
  return row && *row;
}

using ::testing::HasSubstr;

constexpr std::int64_t kT0 = 1714564800000;

SqliteOptions options_with(const StoreHooks& hooks) {
  SqliteOptions options;
  options.on_batch_committed = hooks.on_batch_committed;
  return options;
}

std::unique_ptr<Store> open_or_fail(const std::string& path, SqliteOptions options) {
  std::string why;
  auto store = SqliteStore::open(path, std::move(options), &why);
  EXPECT_TRUE(store.has_value()) << why;
  if (!store) return nullptr;
  return std::move(*store);
}

// A database file in a folder that does not exist yet.
class SqliteFileFactory final : public StoreFactory {
 public:
  std::unique_ptr<Store> open(const StoreHooks& hooks) override {
    return open_or_fail(dir_.file("var/backcoach.db"), options_with(hooks));
  }
  bool persistent() const override { return true; }

 private:
  TempDir dir_;
};

// ":memory:" is a new, empty database on every open.
class SqliteMemoryFactory final : public StoreFactory {
 public:
  std::unique_ptr<Store> open(const StoreHooks& hooks) override {
    return open_or_fail(":memory:", options_with(hooks));
  }
  bool persistent() const override { return false; }
};

// Every contract suite runs on both kinds of SQLite database.
const auto kSqliteBackends = ::testing::Values(
    StoreBackend{"File", [] { return std::make_unique<SqliteFileFactory>(); }},
    StoreBackend{"Memory", [] { return std::make_unique<SqliteMemoryFactory>(); }});
INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, kSqliteBackends, backend_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, IdentitiesContract, kSqliteBackends, backend_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, OutboxContract, kSqliteBackends, backend_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, RemindersContract, kSqliteBackends, backend_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, LinkCodesContract, kSqliteBackends, backend_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, TelegramStateContract, kSqliteBackends, backend_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, PushSubscriptionsContract, kSqliteBackends, backend_name);

TurnRecord turn_for(const std::string& user, std::int64_t n, std::string client_msg_id) {
  TurnRecord t;
  t.user_id = user;
  t.turn_no = n;
  t.client_msg_id = std::move(client_msg_id);
  t.channel = "ws";
  t.user_text = "text " + std::to_string(n);
  t.messages = nlohmann::json::array({{{"text", "reply"}}});
  t.state = {{"turn", n}};
  t.created_at_ms = kT0 + n;
  return t;
}

std::string raw_pragma(const std::string& path, const char* pragma) {
  auto db = Database::open(path, {}, 1000, nullptr);
  if (!db) return "open failed";
  auto stmt = (*db)->prepare(pragma);
  if (!stmt || !has_row(**stmt)) return "no row";
  return (*stmt)->column_text(0);
}

TEST(SqliteStore, CreatesItsFolderAndKeepsTheDatabaseInWalMode) {
  TempDir dir;
  const std::string path = dir.file("a/b/backcoach.db");
  auto store = open_or_fail(path, {});
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_TRUE(store->writable());
  EXPECT_EQ(raw_pragma(path, "PRAGMA journal_mode"), "wal");
}

TEST(SqliteStore, AFileThatIsNotADatabaseGivesAClearError) {
  TempDir dir;
  const std::string path = dir.file("notes.db");
  const std::string junk(8192, 'x');
  std::ofstream(path) << junk;
  std::string why;
  auto store = SqliteStore::open(path, {}, &why);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error(), errc::storage_error);
  EXPECT_THAT(why, HasSubstr("file is not a database"));
  EXPECT_THAT(why, HasSubstr(path));
  std::ifstream in(path);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), junk);  // left untouched
}

TEST(SqliteStore, AMissingFileIsNotCreatedWhenCreationIsOff) {
  TempDir dir;
  const std::string path = dir.file("typo.db");
  SqliteOptions options;
  options.create_if_missing = false;
  std::string why;
  auto store = SqliteStore::open(path, options, &why);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error(), errc::not_found);
  EXPECT_THAT(why, HasSubstr("no database at"));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteStore, ADatabaseFromANewerBuildIsRefused) {
  TempDir dir;
  const std::string path = dir.file("future.db");
  open_or_fail(path, {})->close();
  ASSERT_FALSE((*Database::open(path, {}, 1000, nullptr))->exec("PRAGMA user_version = 99"));
  std::string why;
  auto store = SqliteStore::open(path, {}, &why);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error(), errc::validation_error);
  EXPECT_THAT(why, HasSubstr("newer than this build"));
}

TEST(SqliteStore, ReadOnlyStoreReadsWhileTheDaemonWritesAndRefusesWrites) {
  TempDir dir;
  const std::string path = dir.file("live.db");
  auto daemon = open_or_fail(path, {});
  const std::string user = daemon->create_user(kT0).value();
  ASSERT_FALSE(commit(*daemon, turn_for(user, 1, "a")));

  SqliteOptions read_only;
  read_only.read_only = true;
  auto operator_view = open_or_fail(path, read_only);
  ASSERT_NE(operator_view, nullptr);
  EXPECT_EQ(operator_view->stats().value().turns, 1);
  ASSERT_FALSE(commit(*daemon, turn_for(user, 2, "b")));
  EXPECT_EQ(operator_view->export_user(user).value()["turns"].size(), 2u);

  EXPECT_FALSE(operator_view->writable());
  EXPECT_EQ(commit(*operator_view, turn_for(user, 3, "c")), errc::unavailable);
  EXPECT_EQ(operator_view->create_user(kT0).error(), errc::unavailable);
  EXPECT_EQ(operator_view->erase_user(user).error(), errc::unavailable);
  EXPECT_EQ(daemon->load_conversation(user)->turns, 2);
}

TEST(SqliteStore, ReadOnlyStoreOpensADatabaseNobodyHasOpen) {
  TempDir dir;
  const std::string path = dir.file("cold.db");
  {
    auto daemon = open_or_fail(path, {});
    const std::string user = daemon->create_user(kT0).value();
    ASSERT_FALSE(commit(*daemon, turn_for(user, 1, "a")));
  }
  SqliteOptions read_only;
  read_only.read_only = true;
  auto operator_view = open_or_fail(path, read_only);
  ASSERT_NE(operator_view, nullptr);
  EXPECT_EQ(operator_view->stats().value().users, 1);
}

TEST(SqliteStore, BatchObserverCountsEveryCommittedJob) {
  std::atomic<std::size_t> total{0};
  SqliteOptions options;
  options.on_batch_committed = [&](std::size_t n) { total += n; };
  auto store = open_or_fail(":memory:", options);
  const std::string user = store->create_user(kT0).value();  // one job
  for (int n = 1; n <= 10; ++n) ASSERT_FALSE(commit(*store, turn_for(user, n, "")));
  EXPECT_EQ(total.load(), 11u);
}

// The daemon wakes its outbox worker from here, so a message owed leaves at once
// instead of at the worker's next poll.
TEST(SqliteStore, TellsWhenACommitQueuedOutboxMessages) {
  std::atomic<int> told{0};
  SqliteOptions options;
  options.on_outbox_queued = [&] { ++told; };
  auto store = open_or_fail(":memory:", options);
  const std::string user = store->create_user(kT0).value();
  ASSERT_FALSE(commit(*store, turn_for(user, 1, "m1")));
  EXPECT_EQ(told.load(), 0);  // a turn that owes nothing
  auto owing = turn_for(user, 2, "m2");
  owing.outgoing = {{"bot:kiosk", "alice", {{"text", "hi"}}}};
  ASSERT_FALSE(commit(*store, owing));
  EXPECT_EQ(told.load(), 1);
  EXPECT_EQ(commit(*store, owing), errc::duplicate);
  EXPECT_EQ(told.load(), 1);  // refused: nothing was queued
  ASSERT_TRUE(store->enqueue(user, owing.outgoing, kT0).has_value());
  EXPECT_EQ(told.load(), 2);
}

TEST(SqliteStore, BlockingCallsFromACommitHandlerFailInsteadOfDeadlocking) {
  auto store = open_or_fail(":memory:", {});
  const std::string user = store->create_user(kT0).value();
  std::promise<std::pair<bool, bool>> from_handler;
  store->append_turn(turn_for(user, 1, "h"), [&](boost::system::error_code) {
    auto created = store->create_user(kT0);
    auto erased = store->erase_user(user);
    from_handler.set_value({!created && created.error() == errc::invalid_argument,
                            !erased && erased.error() == errc::invalid_argument});
  });
  auto [create_refused, erase_refused] = from_handler.get_future().get();
  EXPECT_TRUE(create_refused);
  EXPECT_TRUE(erase_refused);
  EXPECT_EQ(store->user_exists(user).value(), true);
}

}  // namespace
}  // namespace backcoach::store::testing
