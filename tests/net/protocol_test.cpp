#include "net/protocol.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace backcoach::net {
namespace {

using nlohmann::json;

struct Case {
  const char* name;
  std::string payload;
  std::optional<ErrorCode> error;  // nullopt: decodes to a frame
  std::optional<std::string> re;
};

std::vector<Case> cases() {
  const std::string long_text(2001, 'a');
  const std::string max_text(2000, 'a');
  std::string accents;  // 2000 two-byte characters: 4000 bytes, still allowed
  for (int i = 0; i < 2000; ++i) accents += "\xc3\xa9";
  return {
      {"hello", R"({"type":"hello"})", std::nullopt, std::nullopt},
      {"hello_null_token", R"({"type":"hello","token":null})", std::nullopt, std::nullopt},
      {"hello_token", R"({"type":"hello","token":"u.mac"})", std::nullopt, std::nullopt},
      {"say", R"({"type":"say","id":"1","text":"my back"})", std::nullopt, std::nullopt},
      {"say_extra_fields", R"({"type":"say","id":"1","text":"x","v":2})", std::nullopt,
       std::nullopt},
      {"say_empty_text", R"({"type":"say","id":"1","text":""})", std::nullopt, std::nullopt},
      {"say_max_text", json{{"type", "say"}, {"id", "1"}, {"text", max_text}}.dump(), std::nullopt,
       std::nullopt},
      {"say_max_text_multibyte", json{{"type", "say"}, {"id", "1"}, {"text", accents}}.dump(),
       std::nullopt, std::nullopt},
      {"not_json", "hello", ErrorCode::bad_json, std::nullopt},
      {"truncated_json", R"({"type":"say")", ErrorCode::bad_json, std::nullopt},
      {"empty_payload", "", ErrorCode::bad_json, std::nullopt},
      {"array", "[]", ErrorCode::bad_json, std::nullopt},
      {"string", R"("hello")", ErrorCode::bad_json, std::nullopt},
      {"lone_surrogate_escape", R"({"type":"say","id":"1","text":"\ud800"})", ErrorCode::bad_json,
       std::nullopt},
      {"invalid_utf8", "{\"type\":\"say\",\"id\":\"1\",\"text\":\"\xff\"}", ErrorCode::bad_utf8,
       std::nullopt},
      {"overlong_utf8", "{\"type\":\"hello\",\"x\":\"\xc0\xaf\"}", ErrorCode::bad_utf8,
       std::nullopt},
      {"no_type", R"({"id":"1"})", ErrorCode::missing_field, std::nullopt},
      {"type_number", R"({"type":1})", ErrorCode::bad_type, std::nullopt},
      {"type_unknown", R"({"type":"dance"})", ErrorCode::bad_type, std::nullopt},
      {"type_server_only", R"({"type":"welcome"})", ErrorCode::bad_type, std::nullopt},
      {"type_push", R"({"type":"push","messages":[]})", ErrorCode::bad_type, std::nullopt},
      {"say_no_id", R"({"type":"say","text":"x"})", ErrorCode::missing_field, std::nullopt},
      {"say_empty_id", R"({"type":"say","id":"","text":"x"})", ErrorCode::missing_field,
       std::nullopt},
      {"say_numeric_id", R"({"type":"say","id":7,"text":"x"})", ErrorCode::missing_field,
       std::nullopt},
      {"say_long_id", json{{"type", "say"}, {"id", std::string(129, 'i')}, {"text", "x"}}.dump(),
       ErrorCode::too_large, std::nullopt},
      {"say_no_text", R"({"type":"say","id":"a"})", ErrorCode::missing_field, "a"},
      {"say_text_not_string", R"({"type":"say","id":"a","text":["x"]})", ErrorCode::missing_field,
       "a"},
      {"say_text_too_long", json{{"type", "say"}, {"id", "b"}, {"text", long_text}}.dump(),
       ErrorCode::too_large, "b"},
      {"hello_token_number", R"({"type":"hello","token":5})", ErrorCode::bad_token, std::nullopt},
      {"hello_token_empty", R"({"type":"hello","token":""})", ErrorCode::bad_token, std::nullopt},
      {"hello_token_huge", json{{"type", "hello"}, {"token", std::string(513, 't')}}.dump(),
       ErrorCode::bad_token, std::nullopt},
  };
}

class DecodeTable : public ::testing::TestWithParam<Case> {};

TEST_P(DecodeTable, DecodesOrNamesTheError) {
  const Case& c = GetParam();
  const Decoded d = decode_client_frame(c.payload, DecodeLimits{});
  if (!c.error) {
    EXPECT_FALSE(std::holds_alternative<DecodeError>(d)) << std::get<DecodeError>(d).message;
    return;
  }
  ASSERT_TRUE(std::holds_alternative<DecodeError>(d));
  const auto& err = std::get<DecodeError>(d);
  EXPECT_EQ(to_string(err.code), to_string(*c.error));
  EXPECT_EQ(err.re, c.re);
  EXPECT_FALSE(err.message.empty());
  // The message never quotes what the client sent.
  if (c.payload.size() > 8) {
    EXPECT_EQ(err.message.find(c.payload), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Protocol, DecodeTable, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(Protocol, SayFieldsAreDecodedExactly) {
  const Decoded d = decode_client_frame(R"({"type":"say","id":"k-1","text":"no numbness"})", {});
  ASSERT_TRUE(std::holds_alternative<SayFrame>(d));
  EXPECT_EQ(std::get<SayFrame>(d).id, "k-1");
  EXPECT_EQ(std::get<SayFrame>(d).text, "no numbness");
  const Decoded h = decode_client_frame(R"({"type":"hello","token":"abc.def"})", {});
  ASSERT_TRUE(std::holds_alternative<HelloFrame>(h));
  EXPECT_EQ(std::get<HelloFrame>(h).token, "abc.def");
}

// tz is optional and never an error: a value that is not a short string is ignored.
TEST(Protocol, TheBrowsersZoneRidesOnHelloAndSay) {
  const auto h = decode_client_frame(R"({"type":"hello","tz":"Europe/London"})", {});
  ASSERT_TRUE(std::holds_alternative<HelloFrame>(h));
  EXPECT_EQ(std::get<HelloFrame>(h).tz, "Europe/London");
  const auto s =
      decode_client_frame(R"({"type":"say","id":"1","text":"hi","tz":"Asia/Tokyo"})", {});
  ASSERT_TRUE(std::holds_alternative<SayFrame>(s));
  EXPECT_EQ(std::get<SayFrame>(s).tz, "Asia/Tokyo");
  for (const char* frame : {R"({"type":"say","id":"1","text":"hi","tz":7})",
                            R"({"type":"say","id":"1","text":"hi","tz":""})",
                            R"({"type":"say","id":"1","text":"hi"})"}) {
    const auto d = decode_client_frame(frame, {});
    ASSERT_TRUE(std::holds_alternative<SayFrame>(d)) << frame;
    EXPECT_EQ(std::get<SayFrame>(d).tz, std::nullopt) << frame;
  }
  const auto long_zone = json{{"type", "hello"}, {"tz", std::string(65, 'x')}}.dump();
  EXPECT_EQ(std::get<HelloFrame>(decode_client_frame(long_zone, {})).tz, std::nullopt);
}

TEST(Protocol, APushCarriesTheMessagesTierAndFlagsAndNoRe) {
  service::TurnReply reply;
  reply.messages.push_back({"Time for your daily check-in.", {}, std::nullopt});
  reply.messages.push_back({"How is your back today?", {"0", "10"}, std::nullopt});
  reply.tier = "self_care";
  const json frame = json::parse(encode_push(reply));
  EXPECT_EQ(frame["type"], "push");
  EXPECT_FALSE(frame.contains("re"));
  EXPECT_EQ(frame["messages"].size(), 2u);
  EXPECT_EQ(frame["messages"][1]["quick_replies"], json::array({"0", "10"}));
  EXPECT_EQ(frame["tier"], "self_care");
  EXPECT_EQ(frame["flags"], json::array());
}

TEST(Protocol, LimitsAreConfigurable) {
  DecodeLimits limits;
  limits.max_text_chars = 5;
  const auto d = decode_client_frame(R"({"type":"say","id":"1","text":"123456"})", limits);
  ASSERT_TRUE(std::holds_alternative<DecodeError>(d));
  EXPECT_EQ(std::get<DecodeError>(d).code, ErrorCode::too_large);
}

TEST(Protocol, EveryErrorCodeHasItsWireName) {
  std::set<std::string> names;
  for (auto code : kAllErrorCodes) names.insert(std::string(to_string(code)));
  EXPECT_EQ(names, (std::set<std::string>{"bad_json", "bad_type", "missing_field", "too_large",
                                          "bad_utf8", "rate_limited", "bad_token", "not_ready",
                                          "internal", "missing_hello"}));
}

TEST(Protocol, ErrorFramesCarryReOrNull) {
  EXPECT_EQ(
      json::parse(encode_error(ErrorCode::rate_limited, std::string("m1"), "slow down")),
      (json{{"type", "error"}, {"re", "m1"}, {"code", "rate_limited"}, {"message", "slow down"}}));
  EXPECT_TRUE(json::parse(encode_error(ErrorCode::bad_json, std::nullopt, "x"))["re"].is_null());
}

TEST(Protocol, ServiceFailuresMapToTheirCodes) {
  EXPECT_EQ(error_code_for(service::ServiceError::bad_token), ErrorCode::bad_token);
  EXPECT_EQ(error_code_for(service::ServiceError::not_ready), ErrorCode::not_ready);
  EXPECT_EQ(error_code_for(service::ServiceError::internal), ErrorCode::internal);
}

TEST(Protocol, WelcomeAndReplyFrames) {
  service::Welcome w;
  w.user_id = "u1";
  w.token = "u1.sig";
  w.resumed = true;
  w.tier = "soon";
  w.history = json::array({{{"from", "user"}, {"text", "hi"}}});
  const json welcome = json::parse(encode_welcome(w));
  EXPECT_EQ(welcome, (json{{"type", "welcome"},
                           {"user", "u1"},
                           {"token", "u1.sig"},
                           {"resumed", true},
                           {"tier", "soon"},
                           {"history", w.history}}));
  service::TurnReply r;
  r.messages = {{"How old are you?", {}, std::nullopt}};
  r.flags = {"radicular"};
  r.exercises = {"cat_cow"};
  const json reply = json::parse(encode_reply("m2", r));
  EXPECT_EQ(reply["type"], "reply");
  EXPECT_EQ(reply["re"], "m2");
  EXPECT_TRUE(reply["tier"].is_null());
  EXPECT_EQ(reply["flags"], json::array({"radicular"}));
  EXPECT_EQ(reply["exercises"], json::array({"cat_cow"}));
  EXPECT_FALSE(reply.contains("duplicate"));
  r.duplicate = true;
  EXPECT_TRUE(json::parse(encode_reply("m2", r))["duplicate"].get<bool>());
}

}  // namespace
}  // namespace backcoach::net
