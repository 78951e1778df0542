#include "net/http_api.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>

#include "fake_chat_service.h"
#include "service/metrics.h"

namespace backcoach::net {
namespace {

using nlohmann::json;

class HttpApiTest : public ::testing::Test {
 protected:
  HttpApiTest()
      : metrics_(registry_),
        origins_({"http://localhost:3000"}),
        api_({service_, metrics_, origins_, draining_}, nullptr) {
    service_.tokens["tok"] = "u1";
    service_.records["u1"] = {{"user", "u1"}, {"turns", json::array()}};
  }

  Response call(http::verb method, std::string target, std::optional<std::string> token = {}) {
    Request req{method, target, 11};
    if (token) req.set(http::field::authorization, "Bearer " + *token);
    std::optional<Response> out;
    api_.handle(req, [&](Response res) { out = std::move(res); });
    EXPECT_TRUE(out.has_value()) << "no response to " << target;
    return out ? std::move(*out) : Response{};
  }

  static json body(const Response& res) { return json::parse(res.body(), nullptr, false); }

  testing::FakeChatService service_;
  service::Registry registry_;
  service::DaemonMetrics metrics_;
  OriginPolicy origins_;
  std::atomic<bool> draining_{false};
  HttpApi api_;
};

TEST_F(HttpApiTest, UnknownApiPathIsA404Problem) {
  const auto res = call(http::verb::get, "/v1/nothing-here");
  EXPECT_EQ(res.result(), http::status::not_found);
  EXPECT_EQ(res[http::field::content_type], "application/problem+json");
  EXPECT_EQ(body(res)["status"], 404);
}

TEST_F(HttpApiTest, WrongMethodIs405WithEveryAllowedMethod) {
  const struct {
    http::verb method;
    const char* path;
    const char* allow;
  } cases[] = {
      {http::verb::post, "/livez", "GET, HEAD"},
      {http::verb::put, "/metrics", "GET, HEAD"},
      {http::verb::delete_, "/v1/me/conversation", "GET, OPTIONS"},
      {http::verb::get, "/v1/me", "DELETE, OPTIONS"},
      {http::verb::post, "/v1/chat", "GET, HEAD"},
  };
  for (const auto& c : cases) {
    const auto res = call(c.method, c.path);
    EXPECT_EQ(res.result(), http::status::method_not_allowed) << c.path;
    EXPECT_EQ(res[http::field::allow], c.allow) << c.path;
    EXPECT_EQ(body(res)["status"], 405) << c.path;
  }
}

TEST_F(HttpApiTest, ChatWithoutUpgradeIs426AndOnlyChatIsAWebSocket) {
  const auto res = call(http::verb::get, "/v1/chat?x=1");
  EXPECT_EQ(res.result(), http::status::upgrade_required);
  EXPECT_EQ(res[http::field::upgrade], "websocket");
  EXPECT_TRUE(api_.websocket_endpoint("/v1/chat"));
  EXPECT_FALSE(api_.websocket_endpoint("/v1/me"));
  EXPECT_FALSE(api_.websocket_endpoint("/v1/chat/x"));
}

TEST_F(HttpApiTest, ExportNeedsAGenuineToken) {
  const auto anonymous = call(http::verb::get, "/v1/me/conversation");
  EXPECT_EQ(anonymous.result(), http::status::unauthorized);
  EXPECT_EQ(anonymous[http::field::www_authenticate], "Bearer");
  EXPECT_EQ(call(http::verb::get, "/v1/me/conversation", "forged").result(),
            http::status::unauthorized);
  const auto mine = call(http::verb::get, "/v1/me/conversation", "tok");
  EXPECT_EQ(mine.result(), http::status::ok);
  EXPECT_EQ(body(mine)["user"], "u1");
}

TEST_F(HttpApiTest, EraseIs204ThenTheRecordIsGone) {
  EXPECT_EQ(call(http::verb::delete_, "/v1/me", "tok").result(), http::status::no_content);
  EXPECT_EQ(service_.erased, std::vector<std::string>{"u1"});
  EXPECT_EQ(call(http::verb::delete_, "/v1/me", "tok").result(), http::status::not_found);
  EXPECT_EQ(call(http::verb::get, "/v1/me/conversation", "tok").result(), http::status::not_found);
}

TEST_F(HttpApiTest, ReadinessFollowsTheServiceAndDraining) {
  EXPECT_EQ(call(http::verb::get, "/readyz").result(), http::status::ok);
  service_.not_ready = "database is not writable";
  const auto res = call(http::verb::get, "/readyz");
  EXPECT_EQ(res.result(), http::status::service_unavailable);
  EXPECT_EQ(body(res)["detail"], "database is not writable");
  service_.not_ready.reset();
  draining_ = true;
  EXPECT_EQ(call(http::verb::get, "/readyz").result(), http::status::service_unavailable);
}

TEST_F(HttpApiTest, AModuleRegistersARouteWithAParameter) {
  std::string seen;
  api_.routes().add(http::verb::post, "/v1/bots/{bot_id}/messages",
                    [&](const Request& req, const RouteParams& params, Router::Send send) {
                      seen = params.at("bot_id");
                      send(json_response(http::status::ok, json::object(), req.version(), false));
                    });
  EXPECT_EQ(call(http::verb::post, "/v1/bots/kiosk/messages").result(), http::status::ok);
  EXPECT_EQ(seen, "kiosk");
  EXPECT_EQ(call(http::verb::get, "/v1/bots/kiosk/messages")[http::field::allow], "POST");
  EXPECT_EQ(call(http::verb::post, "/v1/bots//messages").result(), http::status::not_found);
  EXPECT_EQ(call(http::verb::post, "/v1/bots/kiosk/messages/x").result(), http::status::not_found);
}

TEST_F(HttpApiTest, OutsideTheApiOnlyGetReachesTheWebRoot) {
  EXPECT_EQ(call(http::verb::get, "/no-such-page.html").result(), http::status::not_found);
  EXPECT_EQ(call(http::verb::post, "/index.html")[http::field::allow], "GET, HEAD");
}

}  // namespace
}  // namespace backcoach::net
