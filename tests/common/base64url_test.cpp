#include "common/base64url.h"

#include <gtest/gtest.h>

namespace backcoach {
namespace {

std::string encode(const std::string& bytes) {
  return base64url(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

// RFC 4648 §10's vectors, without padding, and the two characters that differ from base64.
TEST(Base64Url, EncodesWithoutPaddingAndWithUrlSafeCharacters) {
  EXPECT_EQ(encode(""), "");
  EXPECT_EQ(encode("f"), "Zg");
  EXPECT_EQ(encode("fo"), "Zm8");
  EXPECT_EQ(encode("foo"), "Zm9v");
  EXPECT_EQ(encode("foob"), "Zm9vYg");
  EXPECT_EQ(encode("\xfb\xff\xbf"), "-_-_");
}

}  // namespace
}  // namespace backcoach
