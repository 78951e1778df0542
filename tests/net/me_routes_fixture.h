#pragma once

#include <gtest/gtest.h>

#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <string>

#include "fake_chat_service.h"
#include "net/origin_policy.h"
#include "net/router.h"
#include "route_call.h"
#include "store/sqlite_store.h"

namespace backcoach::net::testing {

// What the tests of the widget's /v1/me/... routes share: a real store in memory, a
// one-thread pool for the services' work, a chat service that knows the token "tok" as
// one person, a router whose allowed origin is the widget's page, and call(), which makes
// the request as that page does (a Bearer token, the page's Origin). A test sets up its
// own service and API in SetUp after this one's, and adds their routes to router_.
class MeRoutesTest : public ::testing::Test {
 protected:
  static constexpr std::int64_t kNowMs = 1714550400000;  // 2024-05-01T08:00:00Z
  static constexpr const char* kPage = "http://localhost:3000";

  void SetUp() override {
    store_ = std::move(*store::SqliteStore::open(":memory:"));
    user_ = store_->create_user(kNowMs).value();
    chat_.tokens["tok"] = user_;
  }
  void TearDown() override {
    pool_.join();
    store_->close();
  }

  // `origin` null: no Origin header; `token` false: no Authorization header.
  Response call(http::verb method, const std::string& target, const std::string& body = "",
                const char* origin = kPage, bool token = true) {
    Request req{method, target, 11};
    if (token) req.set(http::field::authorization, "Bearer tok");
    if (origin != nullptr) req.set(http::field::origin, origin);
    req.body() = body;
    return call_route(router_, req, path_of(target));
  }

  FakeChatService chat_;
  OriginPolicy origins_{{kPage}};
  Router router_;
  boost::asio::thread_pool pool_{1};
  std::unique_ptr<store::SqliteStore> store_;
  std::string user_;
};

}  // namespace backcoach::net::testing
