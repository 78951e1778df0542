// Where the daemon and the CLI look for their data when no flag names it.
#include "common/data_dirs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace backcoach {
namespace {

namespace fs = std::filesystem;

class DataDirsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("backcoach-data-dirs-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "prefix" / "bin");
    std::ofstream(root_ / "prefix" / "bin" / "backcoachd") << "";
    fs::create_directories(root_ / "src" / "rules");
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path exe() const { return root_ / "prefix" / "bin" / "backcoachd"; }
  fs::path share() const { return root_ / "prefix" / "share" / "backcoach"; }

  fs::path root_;
};

TEST_F(DataDirsTest, AnInstalledBinaryReadsShareBackcoachBesideItsBin) {
  fs::create_directories(share() / "rules");
  const DataDirs dirs = find_data_dirs(exe(), root_ / "src");
  EXPECT_EQ(dirs.rules, share() / "rules");
  EXPECT_EQ(dirs.intents, share() / "intents");
  EXPECT_EQ(dirs.web_root, share() / "web");
}

TEST_F(DataDirsTest, ABuiltBinaryWithNoShareBesideItReadsItsSourceTree) {
  const DataDirs dirs = find_data_dirs(exe(), root_ / "src");
  EXPECT_EQ(dirs.rules, root_ / "src" / "rules");
  EXPECT_EQ(dirs.intents, root_ / "src" / "intents");
  EXPECT_EQ(dirs.web_root, root_ / "src" / "web" / "public");
}

TEST_F(DataDirsTest, WithNeitherTheErrorNamesTheInstalledPlace) {
  fs::remove_all(root_ / "src");
  EXPECT_EQ(find_data_dirs(exe(), root_ / "src").rules, share() / "rules");
  EXPECT_EQ(find_data_dirs(exe(), "").rules, share() / "rules");
}

TEST(DataDirs, TheBuildsOwnBinaryFindsThisSourceTree) {
  // This test runs from the build folder, where no share/backcoach lies beside it.
  EXPECT_TRUE(fs::is_regular_file(default_data_dirs().rules / "flow.yaml"));
  EXPECT_TRUE(fs::is_regular_file(default_data_dirs().web_root / "widget.js"));
}

}  // namespace
}  // namespace backcoach
