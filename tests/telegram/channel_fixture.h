#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "fake_telegram.h"
#include "outbound/https_client.h"
#include "service/event_log.h"
#include "store/sqlite_store.h"
#include "telegram/bot_api.h"

namespace backcoach::telegram::testing {

// What the channel's tests share: the fake Bot API (reset for each test), a client of it,
// an I/O thread, a blocking pool, an in-memory store and a quiet log. The clock is a
// number the test moves.
class ChannelFixture : public ::testing::Test {
 protected:
  ChannelFixture()
      : work_(ioc_.get_executor()),
        log_(std::make_shared<spdlog::logger>("t",
                                              std::make_shared<spdlog::sinks::null_sink_mt>())) {}

  void SetUp() override {
    fake_ = &backcoach::testing::FakeTelegram::shared();
    ASSERT_TRUE(fake_->running()) << "fake_telegram.py did not start";
    fake_->post("/reset", nlohmann::json::object());
    auto store = store::SqliteStore::open(":memory:");
    ASSERT_TRUE(store.has_value());
    store_ = std::move(*store);
    outbound::ClientOptions options;
    options.extra_ca_file = fake_->ca_file();
    client_ = std::move(*outbound::HttpsClient::create(ioc_.get_executor(), options));
    api_ = std::move(*BotApi::create(*client_, fake_->api_base(), fake_->token()));
    io_thread_ = std::thread([this] { ioc_.run(); });
  }

  void TearDown() override {
    work_.reset();
    if (io_thread_.joinable()) io_thread_.join();
    pool_.join();
    if (store_) store_->close();
  }

  std::int64_t now() const { return now_ms_.load(); }
  auto clock() {
    return [this] { return now_ms_.load(); };
  }

  // The person the store knows by this chat (made if new), as the channel's identify does.
  std::string person_of(std::int64_t chat_id) {
    return store_->resolve_identity({"telegram", std::to_string(chat_id)}, now())->user_id;
  }

  // Waits for `f` (a std::future) with a bound, so a lost callback fails instead of hanging.
  template <class T>
  static T wait(std::future<T>& f) {
    if (f.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
      ADD_FAILURE() << "no answer in 20 s";
      return T{};
    }
    return f.get();
  }

  // Lets what was posted to the blocking pool so far finish.
  void drain_pool() {
    std::promise<void> p;
    auto f = p.get_future();
    boost::asio::post(pool_, [&p] { p.set_value(); });
    f.wait();
  }

  backcoach::testing::FakeTelegram* fake_ = nullptr;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::thread_pool pool_{1};
  std::thread io_thread_;
  service::EventLog log_;
  std::atomic<std::int64_t> now_ms_{1'714'564'800'000};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<outbound::HttpsClient> client_;
  std::unique_ptr<BotApi> api_;
};

}  // namespace backcoach::telegram::testing
