#include "store/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "store/sqlite_db.h"

namespace backcoach::store {
namespace {

// True when the statement stepped onto a row.
bool has_row(Statement& stmt) {
  auto row = stmt.step();
  return row && *row;
}

using ::testing::HasSubstr;

std::unique_ptr<Database> memory_db() {
  auto db = Database::open(":memory:", {}, 1000, nullptr);
  return db ? std::move(*db) : nullptr;
}

// Every table, index and its SQL, so two schemas can be compared.
std::string schema_dump(Database& db) {
  auto stmt = db.prepare(
      "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema"
      " ORDER BY type, name");
  std::string out;
  while (stmt && has_row(**stmt)) out += (*stmt)->column_text(0) + "\n";
  return out;
}

TEST(Migrations, AnEmptyDatabaseIsBroughtToTheLatestVersion) {
  auto db = memory_db();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(schema_version(*db).value(), 0);
  // One step per version, in order: 4 the outbox, 5 Telegram, 6 reminders and journal,
  // 7 push subscriptions.
  EXPECT_EQ(migrate(*db, nullptr).value(), 7);
  EXPECT_EQ(schema_version(*db).value(), 7);
  EXPECT_EQ(latest_schema_version(), 7);
  const std::string schema = schema_dump(*db);
  for (const char* table :
       {"users", "conversations", "turns", "flags_raised", "exercises_recommended", "identities",
        "outbox", "telegram_updates", "telegram_polling", "telegram_photos", "telegram_chats",
        "link_codes", "reminders", "journal", "push_subscriptions"}) {
    EXPECT_THAT(schema, HasSubstr(std::string("table ") + table + ":"));
  }
}

TEST(Migrations, RunningThemAgainChangesNothing) {
  auto db = memory_db();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(migrate(*db, nullptr).has_value());
  const std::string before = schema_dump(*db);
  EXPECT_EQ(migrate(*db, nullptr).value(), 0);
  EXPECT_EQ(schema_dump(*db), before);
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
}

TEST(Migrations, ADatabaseNewerThanTheBuildIsRefusedUntouched) {
  auto db = memory_db();
  ASSERT_NE(db, nullptr);
  ASSERT_FALSE(db->exec("PRAGMA user_version = 1000"));
  std::string why;
  auto result = migrate(*db, &why);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), errc::validation_error);
  EXPECT_THAT(why, HasSubstr("1000"));
  EXPECT_EQ(schema_dump(*db), "");
}

TEST(Migrations, AFailingStepLeavesTheVersionWhereItWas) {
  auto db = memory_db();
  ASSERT_NE(db, nullptr);
  // A table the first migration also creates makes that step fail half way.
  ASSERT_FALSE(db->exec("CREATE TABLE turns (x)"));
  std::string why;
  auto result = migrate(*db, &why);
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(why, HasSubstr("migration 1"));
  EXPECT_EQ(schema_version(*db).value(), 0);
  EXPECT_THAT(schema_dump(*db), ::testing::Not(HasSubstr("table users")));
}

}  // namespace
}  // namespace backcoach::store
