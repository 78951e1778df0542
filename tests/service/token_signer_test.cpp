#include "service/token_signer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace backcoach::service {
namespace {

namespace fs = std::filesystem;

const std::string kSecret(32, 'k');

TEST(TokenSigner, SignedTokensVerifyToTheirUser) {
  const TokenSigner signer(kSecret);
  const std::string token = signer.sign("u-123");
  EXPECT_EQ(token.rfind("u-123.", 0), 0u);
  EXPECT_EQ(signer.verify(token), "u-123");
  EXPECT_EQ(signer.sign("u-123"), token);  // deterministic
  EXPECT_NE(signer.sign("u-124"), token);
}

TEST(TokenSigner, ForgedOrDamagedTokensFail) {
  const TokenSigner signer(kSecret);
  const std::string token = signer.sign("u-123");
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  const std::string mac = token.substr(token.find('.'));
  for (const std::string& bad :
       {flipped, std::string("u-124") + mac, token + "A", token.substr(0, token.size() - 1),
        std::string("u-123"), std::string("."), std::string(".abc"), std::string(""),
        std::string("u-123.")}) {
    EXPECT_EQ(signer.verify(bad), std::nullopt) << bad;
  }
  const TokenSigner other(std::string(32, 'o'));
  EXPECT_EQ(other.verify(token), std::nullopt);
}

TEST(TokenSigner, UserIdsWithDotsStillVerify) {
  const TokenSigner signer(kSecret);
  EXPECT_EQ(signer.verify(signer.sign("a.b.c")), "a.b.c");
}

class SecretFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("backcoach-secret-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(SecretFileTest, CreatedOnceWithOwnerOnlyPermissionsThenReused) {
  const auto path = (dir_ / "backcoach.secret").string();
  auto first = load_or_create_secret(path);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->size(), 32u);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = load_or_create_secret(path);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*first, *second);
  // Tokens survive a restart.
  EXPECT_EQ(TokenSigner(*first).sign("u"), TokenSigner(*second).sign("u"));
}

TEST_F(SecretFileTest, RefusesAFileOthersCanRead) {
  const auto path = (dir_ / "open.secret").string();
  std::ofstream(path) << std::string(64, 'a') << "\n";
  ::chmod(path.c_str(), 0644);
  EXPECT_TRUE(load_or_create_secret(path).has_error());
}

TEST_F(SecretFileTest, RefusesAMalformedFile) {
  const auto path = (dir_ / "bad.secret").string();
  std::ofstream(path) << "not hex at all\n";
  ::chmod(path.c_str(), 0600);
  EXPECT_TRUE(load_or_create_secret(path).has_error());
  std::ofstream(path, std::ios::trunc) << "abcd\n";  // too short
  EXPECT_TRUE(load_or_create_secret(path).has_error());
  std::ofstream(path, std::ios::trunc) << std::string(128, 'a') << "\n";  // twice as long
  EXPECT_TRUE(load_or_create_secret(path).has_error());
  std::ofstream(path, std::ios::trunc) << std::string(64, 'a') << " trailing words\n";
  EXPECT_TRUE(load_or_create_secret(path).has_error());
  std::ofstream(path, std::ios::trunc) << std::string(64, 'a') << "\n";  // exactly right
  EXPECT_TRUE(load_or_create_secret(path).has_value());
}

TEST_F(SecretFileTest, MissingFolderIsAnError) {
  EXPECT_TRUE(load_or_create_secret((dir_ / "no" / "such" / "s").string()).has_error());
}

TEST(RandomSecret, IsFreshEachTime) {
  auto a = random_secret();
  auto b = random_secret();
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(a->size(), 32u);
  EXPECT_NE(*a, *b);
}

}  // namespace
}  // namespace backcoach::service
