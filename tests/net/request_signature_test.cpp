#include "net/request_signature.h"

#include <gtest/gtest.h>

namespace backcoach::net {
namespace {

// A known answer, computed apart from this code (Python: hmac.new(b"key",
// b"1700000000.{}", hashlib.sha256).hexdigest()).
TEST(RequestSignature, IsTheHexHmacSha256OfTimestampDotBody) {
  EXPECT_EQ(sign_v1("key", "1700000000", "{}"),
            "v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
}

TEST(RequestSignature, ChecksKeyBodyAndTime) {
  const auto sig = sign_v1("k", "1000", "body");
  EXPECT_EQ(check_v1("k", "1000", sig, "body", 1000), SignatureCheck::ok);
  EXPECT_EQ(check_v1("k", "1000", sig, "bodY", 1000), SignatureCheck::mismatch);
  EXPECT_EQ(check_v1("j", "1000", sig, "body", 1000), SignatureCheck::mismatch);
  EXPECT_EQ(check_v1("k", "1000", sig.substr(0, 10), "body", 1000), SignatureCheck::mismatch);
  EXPECT_EQ(check_v1("k", "1000", sig, "body", 1301), SignatureCheck::stale);
  EXPECT_EQ(check_v1("k", "1000", sig, "body", 1300), SignatureCheck::ok);
  EXPECT_EQ(check_v1("k", "", sig, "body", 1000), SignatureCheck::missing);
  EXPECT_EQ(check_v1("k", "1000", "", "body", 1000), SignatureCheck::missing);
  EXPECT_EQ(check_v1("k", "10e2", sig, "body", 1000), SignatureCheck::bad_timestamp);
  EXPECT_EQ(check_v1("k", "-9223372036854775808", sig, "body", 1000), SignatureCheck::stale);
  EXPECT_EQ(check_v1("k", "99999999999999999999", sig, "body", 1000),
            SignatureCheck::bad_timestamp);
}

}  // namespace
}  // namespace backcoach::net
