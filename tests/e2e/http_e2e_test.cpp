// The HTTP surface of backcoachd: health, metrics, export and erase, static files, limits.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "e2e_env.h"
#include "shared_daemon_test.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

using nlohmann::json;

class HttpE2E : public SharedDaemonTest<HttpE2E> {};

TEST_F(HttpE2E, LivezAndReadyzAnswer) {
  EXPECT_EQ(http_request(port_, "GET", "/livez").status, 200u);
  const auto ready = http_request(port_, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200u);
  EXPECT_EQ(json::parse(ready.body)["status"], "ready");
}

TEST_F(HttpE2E, MetricsUseThePrometheusTextFormat) {
  {
    WsClient ws(port_);
    ws.hello();
    ws.say("m1", "my lower back");
    ws.send_text("nonsense");
    ws.receive();
  }
  const auto metrics = http_request(port_, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200u);
  EXPECT_EQ(metrics.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  for (const char* needle :
       {"# TYPE backcoach_turns_total counter", "backcoach_turns_total{outcome=\"committed\"} ",
        "# TYPE backcoach_turn_duration_seconds histogram",
        "backcoach_turn_duration_seconds_bucket{le=\"+Inf\"} ",
        "backcoach_turn_duration_seconds_count ", "backcoach_commit_batch_size_bucket{le=\"1\"} ",
        "backcoach_errors_total{code=\"bad_json\"} 1", "backcoach_connections_open{protocol=",
        "backcoach_connections_total{protocol=\"websocket\"} "}) {
    EXPECT_NE(metrics.body.find(needle), std::string::npos) << needle;
  }
}

TEST_F(HttpE2E, ExportAndEraseWithTheBearerToken) {
  WsClient ws(port_);
  const std::string token = ws.hello()["token"];
  ws.say("x1", "my lower back");
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + token}};

  EXPECT_EQ(http_request(port_, "GET", "/v1/me/conversation").status, 401u);
  const auto forged =
      http_request(port_, "GET", "/v1/me/conversation", {{"Authorization", "Bearer nobody.AAAA"}});
  EXPECT_EQ(forged.status, 401u);
  EXPECT_EQ(forged.headers.at("content-type"), "application/problem+json");

  const auto exported = http_request(port_, "GET", "/v1/me/conversation", auth);
  ASSERT_EQ(exported.status, 200u);
  EXPECT_NE(exported.body.find("my lower back"), std::string::npos);

  EXPECT_EQ(http_request(port_, "DELETE", "/v1/me", auth).status, 204u);
  EXPECT_EQ(http_request(port_, "GET", "/v1/me/conversation", auth).status, 404u);
  EXPECT_EQ(http_request(port_, "DELETE", "/v1/me", auth).status, 404u);
  WsClient after(port_);
  EXPECT_EQ(after.hello(token)["code"], "bad_token");
}

TEST_F(HttpE2E, CorsPreflightForAllowedPagesOnly) {
  const auto allowed = http_request(
      port_, "OPTIONS", "/v1/me",
      {{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "DELETE"}});
  EXPECT_EQ(allowed.status, 204u);
  EXPECT_EQ(allowed.headers.at("access-control-allow-origin"), "http://localhost:3000");
  const auto denied =
      http_request(port_, "OPTIONS", "/v1/me", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(denied.headers.count("access-control-allow-origin"), 0u);
}

TEST_F(HttpE2E, UnknownPathsAre404Problems) {
  for (const char* path : {"/nope", "/v1/nope", "/../etc/passwd", "/img/../../CMakeLists.txt",
                           "/.hidden", "/%2e%2e/etc/passwd"}) {
    const auto res = http_request(port_, "GET", path);
    EXPECT_EQ(res.status, 404u) << path;
    EXPECT_EQ(res.headers.at("content-type"), "application/problem+json") << path;
    EXPECT_EQ(json::parse(res.body)["status"], 404) << path;
  }
  EXPECT_EQ(http_request(port_, "GET", "/v1/chat").status, 426u);
  EXPECT_EQ(http_request(port_, "POST", "/livez").status, 405u);
}

TEST_F(HttpE2E, ServesTheDemoPageAndWidgetWithValidators) {
  const auto page = http_request(port_, "GET", "/");
  if (page.status == 404) GTEST_SKIP() << "no web root yet";
  EXPECT_EQ(page.headers.at("content-type"), "text/html; charset=utf-8");
  const auto script = http_request(port_, "GET", "/widget.js");
  ASSERT_EQ(script.status, 200u);
  EXPECT_EQ(script.headers.at("content-type"), "text/javascript; charset=utf-8");
  const std::string etag = script.headers.at("etag");
  EXPECT_EQ(http_request(port_, "GET", "/widget.js", {{"If-None-Match", etag}}).status, 304u);
  const auto head = http_request(port_, "HEAD", "/widget.js");
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.headers.at("content-length"), std::to_string(script.body.size()));
  // The widget's modules are imported with CORS by the pages allowed to chat, only those.
  const auto module =
      http_request(port_, "GET", "/widget/main.js", {{"Origin", "http://localhost:3000"}});
  ASSERT_EQ(module.status, 200u);
  EXPECT_EQ(module.headers.at("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(module.headers.at("access-control-allow-origin"), "http://localhost:3000");
  const auto elsewhere =
      http_request(port_, "GET", "/widget/main.js", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(elsewhere.headers.count("access-control-allow-origin"), 0u);
}

TEST_F(HttpE2E, OversizedHeadersAndBodiesAreRefused) {
  const auto headers = http_request(port_, "GET", "/livez", {{"X-Big", std::string(9000, 'a')}});
  EXPECT_EQ(headers.status, 431u);
  const std::string big(70 * 1024, 'x');
  const std::string raw =
      "POST /v1/me HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(big.size()) +
      "\r\n\r\n" + big;
  const auto reply = raw_exchange(port_, raw);
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply.substr(0, 80);
}

}  // namespace
}  // namespace backcoach::e2e
