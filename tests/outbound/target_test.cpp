#include "outbound/target.h"

#include <gtest/gtest.h>

#include "outbound/outbound_error.h"

namespace backcoach::outbound {
namespace {

struct Good {
  const char* url;
  bool tls;
  const char* host;
  const char* port;
  const char* host_header;
  const char* path_and_query;
};

TEST(ParseTarget, ReadsWhereARequestGoes) {
  const Good cases[] = {
      {"https://api.telegram.org/bot1:abc/getMe", true, "api.telegram.org", "443",
       "api.telegram.org", "/bot1:abc/getMe"},
      {"https://example.org:8443", true, "example.org", "8443", "example.org:8443", "/"},
      {"https://example.org/a?b=c&d=e#frag", true, "example.org", "443", "example.org",
       "/a?b=c&d=e"},
      {"http://127.0.0.1:9000/x", false, "127.0.0.1", "9000", "127.0.0.1:9000", "/x"},
      {"http://127.8.9.10/x", false, "127.8.9.10", "80", "127.8.9.10", "/x"},
      {"http://[::1]:81/", false, "::1", "81", "[::1]:81", "/"},
      {"https://[::1]:81/", true, "::1", "81", "[::1]:81", "/"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    auto t = parse_target(c.url);
    ASSERT_TRUE(t.has_value()) << t.error().message();
    EXPECT_EQ(t->tls, c.tls);
    EXPECT_EQ(t->host, c.host);
    EXPECT_EQ(t->port, c.port);
    EXPECT_EQ(t->host_header, c.host_header);
    EXPECT_EQ(t->path_and_query, c.path_and_query);
  }
}

TEST(ParseTarget, RefusesWhatItCannotSendSafely) {
  const std::pair<const char*, error> cases[] = {
      {"", error::bad_url},
      {"api.telegram.org/getMe", error::bad_url},
      {"ftp://example.org/", error::bad_url},
      {"https:///path", error::bad_url},
      {"https://user:pw@example.org/", error::bad_url},
      {"https://exa mple.org/", error::bad_url},
      {"http://example.org/", error::insecure_url},
      {"http://localhost:8080/", error::insecure_url},
      {"http://10.0.0.1/", error::insecure_url},
      {"http://[::2]/", error::insecure_url},
  };
  for (const auto& [url, expected] : cases) {
    SCOPED_TRACE(url);
    auto t = parse_target(url);
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error(), make_error_code(expected)) << t.error().message();
  }
}

}  // namespace
}  // namespace backcoach::outbound
