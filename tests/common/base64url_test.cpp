#include "common/base64url.h"

#include <gtest/gtest.h>

namespace backcoach {
namespace {

TEST(Base64Url, RoundTripsEveryLengthInTheUrlAlphabetWithoutPadding) {
  std::string bytes;
  for (int n = 0; n < 70; ++n) {
    const std::string text = base64url_encode(bytes);
    EXPECT_EQ(text.find_first_of("+/="), std::string::npos) << text;
    EXPECT_EQ(base64url_decode(text), bytes) << text;
    bytes.push_back(static_cast<char>(n * 37 + 250));
  }
}

TEST(Base64Url, ReadsPaddedTextAndRefusesTheOtherAlphabetAndImpossibleLengths) {
  EXPECT_EQ(base64url_decode("BTBZMqHH6r4Tts7J_aSIgg==")->size(), 16u);
  EXPECT_EQ(base64url_decode("BTBZMqHH6r4Tts7J_aSIgg")->size(), 16u);
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_FALSE(base64url_decode("+/8"));
  EXPECT_FALSE(base64url_decode("abcde"));
  EXPECT_FALSE(base64url_decode("ab!d"));
}

// RFC 4648 section 10's vectors, without padding, and the two characters that differ
// from base64.
TEST(Base64Url, EncodesTheRfcVectorsWithoutPaddingAndWithUrlSafeCharacters) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");
}

}  // namespace
}  // namespace backcoach
