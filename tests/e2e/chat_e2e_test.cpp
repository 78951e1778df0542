// Protocol v1 over a real WebSocket against backcoachd on port 0.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "e2e_env.h"
#include "shared_daemon_test.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

using nlohmann::json;

class ChatE2E : public SharedDaemonTest<ChatE2E> {
 public:
  // Tests type faster than people: the rate limits have their own tests.
  static std::vector<std::string> daemon_flags() {
    return {"--rate-limit-messages", "1000", "--rate-limit-new-users", "1000"};
  }
};

bool has_exercise_card(const json& reply) {
  for (const auto& m : reply["messages"]) {
    if (m.contains("exercise") && m["exercise"].is_object()) return true;
  }
  return false;
}

TEST_F(ChatE2E, NewUserIsWelcomedWithTheOpeningInHistory) {
  WsClient ws(port_);
  ASSERT_TRUE(ws.connected());
  const json welcome = ws.hello();
  EXPECT_EQ(welcome["type"], "welcome");
  EXPECT_FALSE(welcome["resumed"].get<bool>());
  EXPECT_FALSE(welcome["user"].get<std::string>().empty());
  EXPECT_FALSE(welcome["token"].get<std::string>().empty());
  EXPECT_TRUE(welcome["tier"].is_null());
  ASSERT_FALSE(welcome["history"].empty());
  for (const auto& item : welcome["history"]) {
    EXPECT_EQ(item["from"], "bot");
    EXPECT_FALSE(item["text"].get<std::string>().empty());
  }
}

TEST_F(ChatE2E, WholeSelfCareConversationEndsWithExerciseCards) {
  WsClient ws(port_);
  ws.hello();
  json reply;
  int n = 0;
  for (const auto& text : self_care_script()) {
    const std::string id = "m" + std::to_string(++n);
    reply = ws.say(id, text);
    ASSERT_EQ(reply["type"], "reply") << reply.dump();
    ASSERT_EQ(reply["re"], id);
    ASSERT_FALSE(reply["messages"].empty());
  }
  EXPECT_EQ(reply["tier"], "self_care");
  EXPECT_TRUE(reply["flags"].empty());
  EXPECT_FALSE(reply["exercises"].empty());
  EXPECT_TRUE(has_exercise_card(reply)) << reply.dump();
}

TEST_F(ChatE2E, RedFlagGetsEmergencyTier) {
  WsClient ws(port_);
  ws.hello();
  const json reply = ws.say("e1", "my back hurts and I can't feel the toilet paper when I wipe");
  ASSERT_EQ(reply["type"], "reply") << reply.dump();
  EXPECT_EQ(reply["tier"], "emergency");
  EXPECT_NE(std::find(reply["flags"].begin(), reply["flags"].end(), "cauda_equina"),
            reply["flags"].end());
  EXPECT_FALSE(has_exercise_card(reply));
}

TEST_F(ChatE2E, ReconnectWithTokenResumesWithHistory) {
  std::string token;
  std::string user;
  json last;
  {
    WsClient ws(port_);
    const json welcome = ws.hello();
    token = welcome["token"];
    user = welcome["user"];
    ws.say("r1", "my lower back");
    last = ws.say("r2", "35");
  }
  WsClient again(port_);
  const json welcome = again.hello(token);
  ASSERT_EQ(welcome["type"], "welcome") << welcome.dump();
  EXPECT_TRUE(welcome["resumed"].get<bool>());
  EXPECT_EQ(welcome["user"], user);
  EXPECT_EQ(welcome["tier"], last["tier"]);
  std::vector<std::string> user_lines;
  for (const auto& item : welcome["history"]) {
    if (item["from"] == "user") user_lines.push_back(item["text"]);
  }
  EXPECT_EQ(user_lines, (std::vector<std::string>{"my lower back", "35"}));
  EXPECT_EQ(welcome["history"].back()["from"], "bot");
  EXPECT_EQ(welcome["history"].back()["text"], last["messages"].back()["text"]);
  // The conversation continues where it stood: the next question is duration.
  const json next = again.say("r3", "1 to 2 weeks");
  EXPECT_EQ(next["type"], "reply");
}

TEST_F(ChatE2E, DuplicateSayIdIsAnsweredWithTheSameReplyAndStoredOnce) {
  WsClient ws(port_);
  const json welcome = ws.hello();
  const json first = ws.say("dup-1", "my lower back");
  const json again = ws.say("dup-1", "my lower back");
  ASSERT_EQ(again["type"], "reply");
  EXPECT_EQ(again["re"], "dup-1");
  EXPECT_EQ(again["messages"], first["messages"]);
  EXPECT_EQ(again["tier"], first["tier"]);
  EXPECT_TRUE(again.value("duplicate", false));
  // After a reconnect (a new connection, the client resending) still the same.
  WsClient other(port_);
  other.hello(welcome["token"].get<std::string>());
  const json resent = other.say("dup-1", "my lower back");
  EXPECT_EQ(resent["messages"], first["messages"]);
  // Stored once: the history holds the text once, and the flow moved on once.
  WsClient third(port_);
  const json resumed = third.hello(welcome["token"].get<std::string>());
  int count = 0;
  for (const auto& item : resumed["history"]) count += item["from"] == "user" ? 1 : 0;
  EXPECT_EQ(count, 1);
  const auto exported =
      http_request(port_, "GET", "/v1/me/conversation",
                   {{"Authorization", "Bearer " + welcome["token"].get<std::string>()}});
  ASSERT_EQ(exported.status, 200u);
  EXPECT_EQ(exported.body.find("dup-1"), exported.body.rfind("dup-1"));
}

TEST_F(ChatE2E, TwoTabsOfOnePersonDoNotInterleaveTurns) {
  WsClient a(port_);
  const std::string token = a.hello()["token"];
  WsClient b(port_);
  b.hello(token);
  a.send({{"type", "say"}, {"id", "tab-a"}, {"text", "my lower back"}});
  b.send({{"type", "say"}, {"id", "tab-b"}, {"text", "35"}});
  EXPECT_EQ(a.receive()["re"], "tab-a");
  EXPECT_EQ(b.receive()["re"], "tab-b");
  WsClient c(port_);
  const json resumed = c.hello(token);
  std::vector<std::string> user_lines;
  for (const auto& item : resumed["history"]) {
    if (item["from"] == "user") user_lines.push_back(item["text"]);
  }
  EXPECT_EQ(user_lines.size(), 2u);
}

struct BadInput {
  const char* name;
  std::string payload;
  bool binary;
  const char* code;
  json re;
};

std::vector<BadInput> bad_inputs() {
  return {
      {"not_json", "hello there", false, "bad_json", nullptr},
      {"array", "[1,2,3]", false, "bad_json", nullptr},
      {"unknown_type", R"({"type":"dance"})", false, "bad_type", nullptr},
      {"server_type", R"({"type":"reply"})", false, "bad_type", nullptr},
      {"numeric_type", R"({"type":5})", false, "bad_type", nullptr},
      {"no_type", R"({"text":"hi"})", false, "missing_field", nullptr},
      {"say_without_id", R"({"type":"say","text":"hi"})", false, "missing_field", nullptr},
      {"say_without_text", R"({"type":"say","id":"b7"})", false, "missing_field", "b7"},
      {"text_too_long",
       json{{"type", "say"}, {"id", "b8"}, {"text", std::string(2001, 'a')}}.dump(), false,
       "too_large", "b8"},
      {"frame_too_large", std::string(17 * 1024, ' '), false, "too_large", nullptr},
      {"binary_not_utf8", std::string("\xff\xfe\xfd", 3), true, "bad_utf8", nullptr},
      {"binary_json", R"({"type":"hello"})", true, "bad_type", nullptr},
      {"forged_token", R"({"type":"hello","token":"someone.forged"})", false, "bad_token", nullptr},
  };
}

TEST_F(ChatE2E, EveryBadInputGetsItsErrorFrameAndTheConnectionStaysUsable) {
  WsClient ws(port_);
  ws.hello();
  int n = 0;
  for (const auto& bad : bad_inputs()) {
    SCOPED_TRACE(bad.name);
    if (bad.binary) {
      ws.send_binary(bad.payload);
    } else {
      ws.send_text(bad.payload);
    }
    const json error = ws.receive();
    EXPECT_EQ(error["type"], "error");
    EXPECT_EQ(error["code"], bad.code);
    EXPECT_EQ(error["re"], bad.re);
    EXPECT_FALSE(error["message"].get<std::string>().empty());
    if (++n % 5 == 0) {
      // Still usable (and within the rate limit: 20 frames per 10 s).
      EXPECT_EQ(ws.say("ok" + std::to_string(n), "hello")["type"], "reply");
    }
  }
}

TEST_F(ChatE2E, SayBeforeHelloGetsMissingHello) {
  WsClient ws(port_);
  const json error = ws.say("early", "hi");
  EXPECT_EQ(error["code"], "missing_hello");
  EXPECT_EQ(error["re"], "early");
  EXPECT_EQ(ws.hello()["type"], "welcome");
}

TEST(ChatRateLimitE2E, FloodIsRateLimitedWithoutClosing) {
  TempDir dir;
  auto daemon = start_daemon(dir);  // default limit: 20 frames per 10 s
  ASSERT_NE(daemon, nullptr);
  WsClient ws(daemon->port());
  ws.hello();  // 1 frame of 20
  for (int i = 0; i < 21; ++i) ws.send_text(R"({"type":"nope"})");
  int limited = 0;
  for (int i = 0; i < 21; ++i) limited += ws.receive()["code"] == "rate_limited" ? 1 : 0;
  EXPECT_EQ(limited, 2);
  ws.send_text(R"({"type":"nope"})");
  EXPECT_EQ(ws.receive()["code"], "rate_limited");  // still open, still limited
}

TEST_F(ChatE2E, OriginsOutsideTheAllowListAreRefusedWith403) {
  WsClient evil(port_, "https://evil.example");
  EXPECT_FALSE(evil.connected());
  EXPECT_EQ(evil.refused_status(), 403u);
  WsClient local(port_, "http://localhost:5173");
  EXPECT_TRUE(local.connected());
  WsClient self(port_, "http://127.0.0.1:" + std::to_string(port_));
  EXPECT_TRUE(self.connected());
}

// DNS rebinding: a page of evil.example whose name now resolves to this daemon sends
// Host and Origin both naming evil.example. Only configured origins count.
TEST_F(ChatE2E, AnOriginEqualToTheRequestsOwnHostIsNotEnough) {
  const std::string evil = "evil.example:" + std::to_string(port_);
  WsClient rebound(port_, "http://" + evil, std::chrono::seconds(10), evil);
  EXPECT_FALSE(rebound.connected());
  EXPECT_EQ(rebound.refused_status(), 403u);
  WsClient local(port_, "http://localhost:" + std::to_string(port_), std::chrono::seconds(10),
                 "localhost:" + std::to_string(port_));
  EXPECT_TRUE(local.connected());
}

}  // namespace
}  // namespace backcoach::e2e
