#include "net/origin_policy.h"

#include <gtest/gtest.h>

namespace backcoach::net {
namespace {

struct Case {
  const char* origin;
  bool allowed;
};

TEST(OriginPolicy, DefaultsAllowLocalPagesOnly) {
  const OriginPolicy policy(OriginPolicy::default_patterns());
  const Case cases[] = {
      {"", true},  // not a browser page
      {"http://localhost:8080", true},
      {"http://localhost:3000", true},
      {"http://localhost", true},
      {"http://127.0.0.1:5173", true},
      {"http://[::1]:8080", true},
      {"HTTP://LOCALHOST:9", true},
      {"https://chat.clinic.example", false},  // our public name only when configured
      {"https://evil.example", false},
      {"http://localhost.evil.example", false},
      {"http://localhost:80x", false},
      {"http://localhost:", false},
      {"https://localhost:8080", false},  // scheme matters
      {"null", false},
      {"http://127.0.0.1:8080.evil.example", false},
  };
  for (const auto& c : cases) EXPECT_EQ(policy.allows(c.origin), c.allowed) << c.origin;
}

TEST(OriginPolicy, ConfiguredListReplacesTheDefaults) {
  const OriginPolicy policy(
      {"https://clinic.example", "https://chat.clinic.example", "https://*.nope"});
  EXPECT_TRUE(policy.allows("https://clinic.example"));
  EXPECT_TRUE(policy.allows("https://Clinic.Example"));
  EXPECT_TRUE(policy.allows("https://chat.clinic.example"));  // the daemon's public name
  EXPECT_FALSE(policy.allows("https://clinic.example:444"));
  EXPECT_FALSE(policy.allows("http://localhost:3000"));
  EXPECT_FALSE(policy.allows("https://a.nope"));  // no subdomain wildcards
}

// DNS rebinding: evil.example resolves to the daemon, and its page's upgrade carries
// Host: evil.example and Origin: http://evil.example. Nothing here reads Host.
TEST(OriginPolicy, AnOriginNamingTheRequestsOwnHostIsNotTrusted) {
  const OriginPolicy policy(OriginPolicy::default_patterns());
  EXPECT_FALSE(policy.allows("http://evil.example:8080"));
  EXPECT_FALSE(policy.allows("https://evil.example"));
}

TEST(OriginPolicy, StarAllowsEveryone) {
  const OriginPolicy policy({"*"});
  EXPECT_TRUE(policy.allows("https://anyone.example"));
}

}  // namespace
}  // namespace backcoach::net
