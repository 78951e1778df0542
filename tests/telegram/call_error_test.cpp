#include "telegram/call_error.h"

#include <gtest/gtest.h>

#include "outbound/outbound_error.h"

namespace backcoach::telegram {
namespace {

using namespace std::chrono_literals;

struct Case {
  const char* name;
  unsigned status;
  const char* body;
  int code;
  const char* description;
  std::optional<std::chrono::seconds> retry_after;
  bool blocked, rate_limited, retryable;
};

TEST(DecodeAnswer, ReadsTelegramsErrors) {
  const Case cases[] = {
      {"blocked", 403,
       R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})",
       403, "Forbidden: bot was blocked by the user", std::nullopt, true, false, false},
      {"flood", 429,
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}})",
       429, "Too Many Requests: retry after 7", 7s, false, true, true},
      {"bad request", 400,
       R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})", 400,
       "Bad Request: chat not found", std::nullopt, false, false, false},
      {"server error", 500,
       R"({"ok":false,"error_code":500,"description":"Internal Server Error"})", 500,
       "Internal Server Error", std::nullopt, false, false, true},
      {"proxy page", 502, "<html>Bad Gateway</html>", 502, "HTTP 502 without Telegram's JSON",
       std::nullopt, false, false, true},
      {"no code given", 401, R"({"ok":false})", 401, "no description", std::nullopt, false, false,
       false},
      {"garbage with 200", 200, "not json", 502, "HTTP 200 without Telegram's JSON", std::nullopt,
       false, false, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto d = decode_answer({c.status, "application/json", c.body});
    ASSERT_TRUE(d.error.failed());
    EXPECT_EQ(d.error.code, c.code);
    EXPECT_EQ(d.error.description, c.description);
    EXPECT_EQ(d.error.retry_after, c.retry_after);
    EXPECT_EQ(d.error.blocked(), c.blocked);
    EXPECT_EQ(d.error.rate_limited(), c.rate_limited);
    EXPECT_EQ(d.error.retryable(), c.retryable);
  }
}

TEST(DecodeAnswer, GivesTheResultOfASuccess) {
  const auto d =
      decode_answer({200, "application/json", R"({"ok":true,"result":{"message_id":5}})"});
  EXPECT_FALSE(d.error.failed());
  EXPECT_EQ(d.result["message_id"], 5);
}

TEST(DecodeAnswer, ReadsAMigratedChat) {
  const auto d = decode_answer(
      {400, "application/json",
       R"({"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234}})"});
  EXPECT_EQ(d.error.migrate_to_chat_id, -1001234);
}

TEST(CallError, SummaryNamesTheCauseWithoutSecrets) {
  CallError transport;
  transport.transport = outbound::make_error_code(outbound::error::host_name_mismatch);
  EXPECT_EQ(transport.summary(), "transport: server certificate is for another host name");
  EXPECT_TRUE(transport.retryable());
  const auto flood = decode_answer(
      {429, "",
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3"})"});
  EXPECT_EQ(flood.error.summary(), "429 Too Many Requests: retry after 3");
}

}  // namespace
}  // namespace backcoach::telegram
