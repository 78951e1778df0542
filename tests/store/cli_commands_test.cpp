// The operator commands `backcoach history`, `stats` and `backup` (daemon/cli/),
// run against a database the store wrote.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "backup_command.h"
#include "history_command.h"
#include "stats_command.h"
#include "store/sqlite_store.h"
#include "temp_dir.h"

namespace backcoach::cli {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kT0 = 1714564800000;

class CliCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("backcoach.db");
    auto store = store::SqliteStore::open(db_).value();
    user_ = store->create_user(kT0).value();
    store::TurnRecord t;
    t.user_id = user_;
    t.turn_no = 1;
    t.client_msg_id = "m1";
    t.channel = "ws";
    // C0 and C1 controls (U+009B is a one-byte CSI on some terminals), bidi overrides and
    // isolates (U+202E, U+2066) that would reorder the operator's screen, and plain é.
    t.user_text = "numb when I sit\x1b[2J caf\u00e9 \u009b \u202e ok \u2066";
    t.messages = json::array(
        {{{"text", "Please go to an emergency department now."}, {"quick_replies", {"ok"}}},
         {{"text", "Try this"}, {"exercise", {{"id", "cat_cow"}}}}});
    t.tier = "emergency";
    t.new_flags = {"saddle_anaesthesia"};
    t.exercises = {"cat_cow"};
    t.state = json::object();
    t.created_at_ms = kT0 + 1000;
    std::promise<boost::system::error_code> done;
    store->append_turn(t, [&](boost::system::error_code ec) { done.set_value(ec); });
    ASSERT_FALSE(done.get_future().get());
    store->close();
  }

  store::testing::TempDir dir_;
  std::string db_;
  std::string user_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(CliCommandsTest, HistoryPrintsTheTranscript) {
  ASSERT_EQ(run_history({db_, user_, false}, out_, err_), 0) << err_.str();
  const std::string text = out_.str();
  EXPECT_THAT(text, HasSubstr("user " + user_));
  EXPECT_THAT(text, HasSubstr("[2024-05-01T12:00:01.000Z] turn 1 (ws)"));
  // Escapes shown, not sent; ordinary accents untouched.
  EXPECT_THAT(text, HasSubstr("you: numb when I sit\\x1b[2J caf\u00e9 \\u009b \\u202e ok \\u2066"));
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  for (const char* raw : {"\u009b", "\u202e", "\u2066"}) EXPECT_THAT(text, Not(HasSubstr(raw)));
  EXPECT_THAT(text, HasSubstr("bot: Please go to an emergency department now."));
  EXPECT_THAT(text, HasSubstr("[ok]"));
  EXPECT_THAT(text, HasSubstr("(exercise card: cat_cow)"));
  EXPECT_THAT(text, HasSubstr("! red flag: saddle_anaesthesia (tier emergency)"));
  EXPECT_THAT(text, HasSubstr("+ exercises: cat_cow"));
}

TEST_F(CliCommandsTest, HistoryJsonIsTheExportDocument) {
  ASSERT_EQ(run_history({db_, user_, true}, out_, err_), 0) << err_.str();
  const json doc = json::parse(out_.str());
  EXPECT_EQ(doc["user"]["id"], user_);
  EXPECT_EQ(doc["turns"][0]["client_msg_id"], "m1");
  EXPECT_EQ(doc["flags_raised"][0]["tier"], "emergency");
}

TEST_F(CliCommandsTest, HistoryOfAnUnknownUserOrDatabaseFails) {
  EXPECT_EQ(run_history({db_, "nobody", false}, out_, err_), 1);
  EXPECT_THAT(err_.str(), HasSubstr("no user nobody"));
  const std::string missing = dir_.file("typo.db");
  EXPECT_EQ(run_history({missing, user_, false}, out_, err_), 1);
  EXPECT_THAT(err_.str(), HasSubstr("no database at " + missing));
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_EQ(out_.str(), "");
}

TEST_F(CliCommandsTest, StatsPrintsCountsAndFlagsByTier) {
  ASSERT_EQ(run_stats({db_, false}, out_, err_), 0) << err_.str();
  EXPECT_EQ(out_.str(), "users: 1\nturns: 1\nred flags by tier:\n  emergency: 1\n");
}

TEST_F(CliCommandsTest, StatsJson) {
  ASSERT_EQ(run_stats({db_, true}, out_, err_), 0) << err_.str();
  EXPECT_EQ(json::parse(out_.str()),
            json::parse(R"({"users":1,"turns":1,"flags_by_tier":{"emergency":1}})"));
}

TEST_F(CliCommandsTest, StatsOnAFileThatIsNotADatabaseFails) {
  const std::string junk = dir_.file("junk.db");
  std::ofstream(junk) << std::string(4096, 'j');
  EXPECT_EQ(run_stats({junk, false}, out_, err_), 1);
  EXPECT_THAT(err_.str(), HasSubstr("file is not a database"));
}

TEST_F(CliCommandsTest, BackupWritesACheckedCopyAndSaysWhatItHolds) {
  const std::string dest = dir_.file("backup.db");
  ASSERT_EQ(run_backup({db_, dest, {}}, out_, err_), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("to " + dest + ": 1 users, 1 turns, 1 red flags;"));
  EXPECT_THAT(out_.str(), HasSubstr("integrity ok"));
  EXPECT_EQ(err_.str(), "");
  std::ostringstream copy_out;
  ASSERT_EQ(run_history({dest, user_, false}, copy_out, err_), 0) << err_.str();
  EXPECT_THAT(copy_out.str(), HasSubstr("you: numb when I sit"));
}

TEST_F(CliCommandsTest, BackupFailureIsOneLineAndStatusOne) {
  const std::string missing = dir_.file("typo.db");
  EXPECT_EQ(run_backup({missing, dir_.file("backup.db"), {}}, out_, err_), 1);
  EXPECT_EQ(err_.str(), "backup failed: no database at " + missing + "\n");
  EXPECT_EQ(out_.str(), "");
  EXPECT_FALSE(std::filesystem::exists(dir_.file("backup.db")));
}

}  // namespace
}  // namespace backcoach::cli
