#include "net/reminder_api.h"

#include <gtest/gtest.h>

#include <boost/asio/thread_pool.hpp>
#include <future>
#include <optional>

#include "me_routes_fixture.h"

namespace backcoach::net {
namespace {

// The reminder and journal routes over a real store and ReminderService, as the
// widget's page calls them: with a Bearer token and the page's Origin.
class ReminderApiTest : public testing::MeRoutesTest {
 protected:
  void SetUp() override {
    MeRoutesTest::SetUp();
    reminders_ = std::make_unique<coach::ReminderService>(pool_.get_executor(), *store_, *store_,
                                                          [] { return kNowMs; });
    api_ = std::make_unique<ReminderApi>(chat_, *reminders_);
    api_->add_routes(router_, origins_);
  }

  std::unique_ptr<coach::ReminderService> reminders_;
  std::unique_ptr<ReminderApi> api_;
};

TEST_F(ReminderApiTest, TheChartIsAnSvgImageWithItsTitle) {
  const auto res = call(http::verb::get, "/v1/me/journal.svg");
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::content_type], "image/svg+xml; charset=utf-8");
  EXPECT_EQ(res[http::field::cache_control], "no-store");
  EXPECT_NE(res.body().find("<title id=\"journal-title\">Your back pain: no check-ins yet</title>"),
            std::string::npos)
      << res.body();
}

TEST_F(ReminderApiTest, TheChartNeedsAToken) {
  const auto res = call(http::verb::get, "/v1/me/journal.svg", "", kPage, false);
  EXPECT_EQ(res.result(), http::status::unauthorized);
  EXPECT_EQ(res[http::field::content_type], "application/problem+json");
  // the page may read why it failed
  EXPECT_EQ(res[http::field::access_control_allow_origin], kPage);
}

TEST_F(ReminderApiTest, DaysOutsideOneToAYearIs400) {
  for (const char* bad : {"0", "367", "two", "-1", "", "1e3"}) {
    const auto res = call(http::verb::get, std::string("/v1/me/journal?days=") + bad);
    EXPECT_EQ(res.result(), http::status::bad_request) << bad;
  }
  EXPECT_EQ(call(http::verb::get, "/v1/me/journal?days=14").result(), http::status::ok);
  EXPECT_EQ(call(http::verb::get, "/v1/me/journal.svg?days=366").result(), http::status::ok);
}

// The widget's page calls these with fetch: its preflight is answered for an allowed
// origin with the route's own methods, and for another origin without any grant.
TEST_F(ReminderApiTest, PreflightGrantsTheRoutesMethodsToAnAllowedPageOnly) {
  const struct {
    const char* path;
    const char* methods;
  } cases[] = {{"/v1/me/reminder", "GET, PUT, DELETE, OPTIONS"},
               {"/v1/me/journal", "GET, OPTIONS"},
               {"/v1/me/journal.svg", "GET, OPTIONS"}};
  for (const auto& c : cases) {
    auto res = call(http::verb::options, c.path, "", kPage, false);
    EXPECT_EQ(res.result(), http::status::no_content) << c.path;
    EXPECT_EQ(res[http::field::access_control_allow_origin], kPage) << c.path;
    EXPECT_EQ(res[http::field::access_control_allow_methods], c.methods) << c.path;
    EXPECT_EQ(res[http::field::access_control_allow_headers], "Authorization, Content-Type");
    EXPECT_EQ(res[http::field::vary], "Origin");
    res = call(http::verb::options, c.path, "", "https://evil.example", false);
    EXPECT_EQ(res.result(), http::status::no_content) << c.path;
    EXPECT_EQ(res.count(http::field::access_control_allow_origin), 0u) << c.path;
    EXPECT_EQ(res.count(http::field::access_control_allow_methods), 0u) << c.path;
  }
}

TEST_F(ReminderApiTest, AnswersCarryCorsForAnAllowedPage) {
  auto res = call(http::verb::get, "/v1/me/reminder", "", kPage);
  EXPECT_EQ(res.result(), http::status::not_found);  // none set yet
  EXPECT_EQ(res[http::field::access_control_allow_origin], kPage);
  res = call(http::verb::get, "/v1/me/journal", "", "https://evil.example");
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res.count(http::field::access_control_allow_origin), 0u);
  EXPECT_EQ(res[http::field::vary], "Origin");
}

}  // namespace
}  // namespace backcoach::net
