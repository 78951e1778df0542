#include "store/batch_writer.h"

#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite_db.h"

namespace backcoach::store {
namespace {

// True when the statement stepped onto a row.
bool has_row(Statement& stmt) {
  auto row = stmt.step();
  return row && *row;
}

class BatchWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(":memory:", {}, 1000, nullptr);
    ASSERT_TRUE(opened.has_value());
    db_ = std::move(*opened);
    ASSERT_FALSE(db_->exec("CREATE TABLE t (v TEXT UNIQUE)"));
  }

  static BatchWriter::Apply insert(std::string v) {
    return [v = std::move(v)](Database& db) -> boost::system::error_code {
      auto stmt = db.prepare("INSERT INTO t (v) VALUES (?1)");
      if (!stmt) return stmt.error();
      (*stmt)->bind(1, v);
      auto row = (*stmt)->step();
      return row ? boost::system::error_code() : row.error();
    };
  }

  std::vector<std::string> rows() {
    std::lock_guard lock(db_mutex_);
    std::vector<std::string> out;
    auto stmt = db_->prepare("SELECT v FROM t ORDER BY rowid");
    while (stmt && has_row(**stmt)) out.push_back((*stmt)->column_text(0));
    return out;
  }

  std::mutex db_mutex_;
  std::unique_ptr<Database> db_;
};

TEST_F(BatchWriterTest, AFailedJobRollsBackAloneAndHandlersRunInQueueOrder) {
  std::vector<std::size_t> batches;
  std::promise<void> entered, release;
  BatchWriter writer(*db_, db_mutex_, 256, {[&](std::size_t n) { batches.push_back(n); }, {}});
  writer.submit(insert("first"), [&](boost::system::error_code) {
    entered.set_value();
    release.get_future().wait();
  });
  entered.get_future().wait();

  std::vector<std::pair<std::string, boost::system::error_code>> done;
  for (const char* v : {"a", "first", "b"}) {
    writer.submit(insert(v),
                  [&done, v](boost::system::error_code ec) { done.emplace_back(v, ec); });
  }
  release.set_value();
  writer.stop();

  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done[0], std::make_pair(std::string("a"), boost::system::error_code()));
  EXPECT_EQ(done[1], std::make_pair(std::string("first"), make_error_code(errc::duplicate)));
  EXPECT_EQ(done[2], std::make_pair(std::string("b"), boost::system::error_code()));
  EXPECT_EQ(rows(), (std::vector<std::string>{"first", "a", "b"}));
  EXPECT_EQ(batches, (std::vector<std::size_t>{1, 3}));
  EXPECT_TRUE(writer.healthy());
}

TEST_F(BatchWriterTest, BatchesAreCappedAtMaxBatch) {
  std::vector<std::size_t> batches;
  std::promise<void> entered, release;
  BatchWriter writer(*db_, db_mutex_, 2, {[&](std::size_t n) { batches.push_back(n); }, {}});
  writer.submit(insert("gate"), [&](boost::system::error_code) {
    entered.set_value();
    release.get_future().wait();
  });
  entered.get_future().wait();
  for (const char* v : {"1", "2", "3", "4", "5"}) writer.submit(insert(v), {});
  release.set_value();
  writer.stop();
  EXPECT_EQ(batches, (std::vector<std::size_t>{1, 2, 2, 1}));
  EXPECT_EQ(rows().size(), 6u);
}

TEST_F(BatchWriterTest, AJobSubmittedAfterStopFailsAtOnceAndNeverRuns) {
  BatchWriter writer(*db_, db_mutex_, 16, {});
  writer.stop();
  bool ran = false;
  boost::system::error_code result;
  writer.submit(
      [&ran](Database&) {
        ran = true;
        return boost::system::error_code();
      },
      [&result](boost::system::error_code ec) { result = ec; });
  EXPECT_EQ(result, errc::unavailable);
  EXPECT_FALSE(ran);
}

TEST_F(BatchWriterTest, AFailedCommitFailsTheWholeBatchAndIsReported) {
  std::vector<std::string> errors;
  BatchWriter writer(*db_, db_mutex_, 16, {{}, [&](const std::string& e) { errors.push_back(e); }});
  std::promise<boost::system::error_code> done;
  // A deferred foreign key is only checked at COMMIT, which then fails.
  writer.submit(
      [](Database& db) {
        if (auto ec = db.exec("CREATE TABLE p (id INTEGER PRIMARY KEY)")) return ec;
        if (auto ec = db.exec("CREATE TABLE c (p INTEGER REFERENCES p(id)"
                              " DEFERRABLE INITIALLY DEFERRED)"))
          return ec;
        return db.exec("INSERT INTO c (p) VALUES (42)");
      },
      [&done](boost::system::error_code ec) { done.set_value(ec); });
  EXPECT_EQ(done.get_future().get(), errc::storage_error);
  writer.stop();
  EXPECT_FALSE(writer.healthy());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("not committed"), std::string::npos);
}

}  // namespace
}  // namespace backcoach::store
