#include "outbound/https_client.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>

#include "fake_telegram.h"
#include "outbound/outbound_error.h"

namespace backcoach::outbound {
namespace {

using namespace std::chrono_literals;
using boost::beast::http::verb;

struct Outcome {
  boost::system::error_code ec;
  Response response;
  std::chrono::steady_clock::duration took{};
};

class HttpsClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = &testing::FakeTelegram::shared();  // started by the first test that needs it
    ASSERT_TRUE(fake_->running()) << "fake_telegram.py did not start";
    fake_->post("/reset", nlohmann::json::object());
  }

  ClientOptions trusting_test_ca() const {
    ClientOptions options;
    options.extra_ca_file = fake_->ca_file();
    return options;
  }

  Outcome fetch(const ClientOptions& options, Request request) {
    auto client = HttpsClient::create(ioc_.get_executor(), options);
    EXPECT_TRUE(client.has_value());
    Outcome out;
    const auto start = std::chrono::steady_clock::now();
    (*client)->request(std::move(request), [&](auto ec, Response r) {
      out.ec = ec;
      out.response = std::move(r);
    });
    ioc_.run();
    ioc_.restart();
    out.took = std::chrono::steady_clock::now() - start;
    return out;
  }

  Outcome get_me(const ClientOptions& options, const std::string& base) {
    return fetch(options, {verb::get, base + "/bot" + fake_->token() + "/getMe", "", "", {}});
  }

  std::string base_on(const std::string& host) const {
    return "https://" + host + ":" + std::to_string(fake_->api_port());
  }

  static testing::FakeTelegram* fake_;
  boost::asio::io_context ioc_;
};

testing::FakeTelegram* HttpsClientTest::fake_ = nullptr;

TEST_F(HttpsClientTest, TalksToAServerWhoseCertificateChainsToATrustedCa) {
  for (const char* host : {"127.0.0.1", "localhost"}) {
    SCOPED_TRACE(host);
    const auto out = get_me(trusting_test_ca(), base_on(host));
    ASSERT_FALSE(out.ec) << out.ec.message();
    EXPECT_EQ(out.response.status, 200u);
    EXPECT_EQ(out.response.content_type, "application/json");
    EXPECT_NE(out.response.body.find("\"fake_bot\""), std::string::npos) << out.response.body;
  }
}

TEST_F(HttpsClientTest, SendsTheBodyWithItsContentType) {
  const auto out =
      fetch(trusting_test_ca(), {verb::post,
                                 fake_->api_base() + "/bot" + fake_->token() + "/sendMessage",
                                 "application/json",
                                 R"({"chat_id": 7, "text": "hello"})",
                                 {}});
  ASSERT_FALSE(out.ec) << out.ec.message();
  EXPECT_EQ(out.response.status, 200u);
  const auto calls = fake_->calls("sendMessage");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["params"]["text"], "hello");
}

TEST_F(HttpsClientTest, RefusesACaItWasNotToldToTrust) {
  const auto out = get_me(ClientOptions{}, fake_->api_base());
  EXPECT_EQ(out.ec, make_error_code(error::certificate_untrusted)) << out.ec.message();
  EXPECT_EQ(out.response.status, 0u);
  EXPECT_TRUE(fake_->calls().empty()) << "nothing may be sent over an untrusted connection";
}

TEST_F(HttpsClientTest, RefusesACertificateFromAnotherCa) {
  fake_->use_certificate("other_ca");
  for (const char* host : {"127.0.0.1", "localhost"}) {
    SCOPED_TRACE(host);
    const auto out = get_me(trusting_test_ca(), base_on(host));
    EXPECT_EQ(out.ec, make_error_code(error::certificate_untrusted)) << out.ec.message();
  }
  EXPECT_TRUE(fake_->calls().empty());
}

TEST_F(HttpsClientTest, RefusesACertificateForAnotherHostName) {
  fake_->use_certificate("wrong_host");
  for (const char* host : {"127.0.0.1", "localhost"}) {
    SCOPED_TRACE(host);
    const auto out = get_me(trusting_test_ca(), base_on(host));
    EXPECT_EQ(out.ec, make_error_code(error::host_name_mismatch)) << out.ec.message();
    EXPECT_EQ(out.ec.message(), "server certificate is for another host name");
  }
  EXPECT_TRUE(fake_->calls().empty());
}

TEST_F(HttpsClientTest, AnyHttpStatusIsAnAnswer) {
  fake_->post("/faults", {{"status", 429}, {"retry_after", 2}, {"description", "slow down"}});
  const auto out = get_me(trusting_test_ca(), fake_->api_base());
  ASSERT_FALSE(out.ec) << out.ec.message();
  EXPECT_EQ(out.response.status, 429u);
  EXPECT_NE(out.response.body.find("retry_after"), std::string::npos);
}

TEST_F(HttpsClientTest, GivesUpOnASlowServerAfterTheTotalTimeout) {
  fake_->post("/delay", {{"seconds", 3}});
  Request request{verb::get, fake_->api_base() + "/bot" + fake_->token() + "/getMe", "", "", 300ms};
  const auto out = fetch(trusting_test_ca(), request);
  EXPECT_EQ(out.ec, make_error_code(error::timeout)) << out.ec.message();
  EXPECT_LT(out.took, 2s);
}

TEST_F(HttpsClientTest, GivesUpOnAServerThatNeverHandshakes) {
  // The kernel completes the TCP handshake for a listener that never accepts; TLS then stalls.
  boost::asio::io_context other;
  boost::asio::ip::tcp::acceptor silent(other, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto options = trusting_test_ca();
  options.connect_timeout = 300ms;
  const auto port = std::to_string(silent.local_endpoint().port());
  const auto out = fetch(options, {verb::get, "https://127.0.0.1:" + port + "/", "", "", {}});
  EXPECT_EQ(out.ec, make_error_code(error::connect_timeout)) << out.ec.message();
  EXPECT_LT(out.took, 2s);
}

TEST_F(HttpsClientTest, RefusesABodyOverTheLimit) {
  auto options = trusting_test_ca();
  options.body_limit = 32;
  const auto out = get_me(options, fake_->api_base());
  EXPECT_EQ(out.ec, make_error_code(error::body_too_large)) << out.ec.message();
}

TEST_F(HttpsClientTest, PlainHttpReachesLoopbackOnly) {
  const auto control = "http://127.0.0.1:" + std::to_string(fake_->control_port()) + "/calls";
  const auto local = fetch(trusting_test_ca(), {verb::get, control, "", "", {}});
  ASSERT_FALSE(local.ec) << local.ec.message();
  EXPECT_EQ(local.response.status, 200u);

  const auto remote = fetch(trusting_test_ca(), {verb::get, "http://192.0.2.1/", "", "", {}});
  EXPECT_EQ(remote.ec, make_error_code(error::insecure_url));
}

TEST_F(HttpsClientTest, AnUnreadableCaFileIsRefusedAtCreation) {
  ClientOptions options;
  options.extra_ca_file = fake_->pki_dir() + "/no-such-ca.pem";
  EXPECT_FALSE(HttpsClient::create(ioc_.get_executor(), options).has_value());
}

}  // namespace
}  // namespace backcoach::outbound
