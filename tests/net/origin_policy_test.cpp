#include "net/origin_policy.h"

#include <gtest/gtest.h>

namespace backcoach::net {
namespace {

struct Case {
  const char* origin;
  const char* host;
  bool allowed;
};

TEST(OriginPolicy, DefaultsAllowLocalPagesAndOurOwnOrigin) {
  const OriginPolicy policy(OriginPolicy::default_patterns());
  const Case cases[] = {
      {"", "127.0.0.1:8080", true},  // not a browser page
      {"http://localhost:8080", "127.0.0.1:8080", true},
      {"http://localhost:3000", "127.0.0.1:8080", true},
      {"http://localhost", "127.0.0.1:8080", true},
      {"http://127.0.0.1:5173", "127.0.0.1:8080", true},
      {"http://[::1]:8080", "[::1]:8080", true},
      {"https://chat.clinic.example", "chat.clinic.example", true},  // served by us
      {"HTTP://LOCALHOST:9", "x", true},
      {"https://evil.example", "127.0.0.1:8080", false},
      {"http://localhost.evil.example", "127.0.0.1:8080", false},
      {"http://localhost:80x", "127.0.0.1:8080", false},
      {"http://localhost:", "127.0.0.1:8080", false},
      {"https://localhost:8080", "127.0.0.1:8080", false},  // scheme matters
      {"null", "127.0.0.1:8080", false},
      {"http://127.0.0.1:8080.evil.example", "127.0.0.1:8080", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(policy.allows(c.origin, c.host), c.allowed) << c.origin << " host " << c.host;
  }
}

TEST(OriginPolicy, ConfiguredListReplacesTheDefaults) {
  const OriginPolicy policy({"https://clinic.example", "https://*.nope"});
  EXPECT_TRUE(policy.allows("https://clinic.example", "chat.example"));
  EXPECT_TRUE(policy.allows("https://Clinic.Example", "chat.example"));
  EXPECT_FALSE(policy.allows("https://clinic.example:444", "chat.example"));
  EXPECT_FALSE(policy.allows("http://localhost:3000", "chat.example"));
  EXPECT_FALSE(policy.allows("https://a.nope", "chat.example"));  // no subdomain wildcards
  EXPECT_TRUE(policy.allows("https://chat.example", "chat.example"));
}

TEST(OriginPolicy, StarAllowsEveryone) {
  const OriginPolicy policy({"*"});
  EXPECT_TRUE(policy.allows("https://anyone.example", "x"));
}

}  // namespace
}  // namespace backcoach::net
