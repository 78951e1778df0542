#include "load_target.h"

#include <gtest/gtest.h>

namespace backcoach::bench {
namespace {

TEST(LoadTargetTest, LoopbackUrlGivesEndpointHostAndPath) {
  auto t = parse_target("ws://127.0.0.1:8080/v1/chat");
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->endpoint.port(), 8080);
  EXPECT_TRUE(t->endpoint.address().is_loopback());
  EXPECT_EQ(t->host, "127.0.0.1:8080");
  EXPECT_EQ(t->path, "/v1/chat");
  EXPECT_EQ(t->api, LoadTarget::Api::websocket);
}

TEST(LoadTargetTest, HttpUrlIsTheBotApi) {
  auto t = parse_target("http://127.0.0.1:8080/v1/bots/bench/messages");
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->api, LoadTarget::Api::bot);
  EXPECT_EQ(t->host, "127.0.0.1:8080");
  EXPECT_EQ(t->path, "/v1/bots/bench/messages");
}

TEST(LoadTargetTest, LocalhostAndIpv6LoopbackAreAccepted) {
  EXPECT_TRUE(parse_target("ws://localhost:9/v1/chat"));
  auto v6 = parse_target("ws://[::1]:9/");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->endpoint.address().is_v6());
}

TEST(LoadTargetTest, AnythingButLoopbackWebSocketOrHttpIsRefused) {
  for (const char* url : {"ws://10.0.0.1:80/v1/chat", "ws://example.com:80/",
                          "http://10.0.0.1:80/v1/bots/b/messages", "https://127.0.0.1:80/",
                          "wss://127.0.0.1:80/", "ws://127.0.0.1/v1/chat", "not a url", ""}) {
    EXPECT_FALSE(parse_target(url)) << url;
  }
}

}  // namespace
}  // namespace backcoach::bench
