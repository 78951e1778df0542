#include "telegram/secret_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace backcoach::telegram {
namespace {

namespace fs = std::filesystem;

class SecretFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bc-secret-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& text, mode_t mode = 0600) {
    const auto path = (dir_ / ("f" + std::to_string(++n_))).string();
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }
  fs::path dir_;
  int n_ = 0;
};

TEST_F(SecretFileTest, ReadsTheOneLineWithoutItsNewline) {
  EXPECT_EQ(read_secret_file(file("123456:AA-bc_d\n"), SecretKind::bot_token).value(),
            "123456:AA-bc_d");
  EXPECT_EQ(read_secret_file(file("  s3cret_Token-1 \n"), SecretKind::webhook_secret).value(),
            "s3cret_Token-1");
}

TEST_F(SecretFileTest, RefusesWhatOthersMayReadOrWhatIsNotOneSecret) {
  EXPECT_EQ(read_secret_file(file("123:abc", 0644), SecretKind::bot_token).error(),
            errc::invalid_argument);
  for (const char* text : {"", "123:abc\nmore", "123 abc", "1:2:3", "123:a/b", "123:a?b"}) {
    EXPECT_EQ(read_secret_file(file(text), SecretKind::bot_token).error(), errc::parse_error)
        << text;
  }
  EXPECT_EQ(read_secret_file(file("has:colon"), SecretKind::webhook_secret).error(),
            errc::parse_error);
  EXPECT_EQ(read_secret_file(file(std::string(257, 'a')), SecretKind::webhook_secret).error(),
            errc::parse_error);
  EXPECT_TRUE(read_secret_file((dir_ / "missing").string(), SecretKind::bot_token).has_error());
  EXPECT_EQ(secret_file_hint(SecretKind::bot_token).find("123"), std::string::npos);
}

}  // namespace
}  // namespace backcoach::telegram
