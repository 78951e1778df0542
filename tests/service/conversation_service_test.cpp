#include "service/conversation_service.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "dialogue/rule_set.h"
#include "service/reply_json.h"
#include "store/sqlite_store.h"

namespace backcoach::service {
namespace {

using nlohmann::json;

// The real SQLite store (in memory), with failures that a test can switch on and
// a record of which threads read from it.
class ObservedStore final : public store::ConversationLog {
 public:
  explicit ObservedStore(store::ConversationLog& inner) : inner_(inner) {}

  std::atomic<bool> fail_appends{false};
  std::atomic<bool> unavailable{false};

  std::set<std::thread::id> reader_threads() const {
    std::lock_guard lock(mu_);
    return readers_;
  }

  result<std::string> create_user(std::int64_t now) override {
    note();
    return inner_.create_user(now);
  }
  result<bool> user_exists(const std::string& u) override {
    note();
    return inner_.user_exists(u);
  }
  result<store::Conversation> load_conversation(const std::string& u) override {
    note();
    return inner_.load_conversation(u);
  }
  result<std::optional<store::TurnRecord>> find_turn(const std::string& u,
                                                     const std::string& id) override {
    note();
    return inner_.find_turn(u, id);
  }
  result<std::vector<store::HistoryMessage>> recent_messages(const std::string& u,
                                                             int limit) override {
    note();
    return inner_.recent_messages(u, limit);
  }
  void append_turn(store::TurnRecord turn, CommitHandler done) override {
    if (unavailable) return done(make_error_code(errc::unavailable));
    if (fail_appends) return done(make_error_code(errc::storage_error));
    inner_.append_turn(std::move(turn), std::move(done));
  }
  result<json> export_user(const std::string& u) override {
    note();
    return inner_.export_user(u);
  }
  result<bool> erase_user(const std::string& u) override {
    note();
    return inner_.erase_user(u);
  }
  result<std::int64_t> erase_idle(std::int64_t before, std::int64_t max_users) override {
    return inner_.erase_idle(before, max_users);
  }
  result<store::Stats> stats() override { return inner_.stats(); }
  bool writable() override { return inner_.writable(); }

 private:
  void note() {
    std::lock_guard lock(mu_);
    readers_.insert(std::this_thread::get_id());
  }

  store::ConversationLog& inner_;
  mutable std::mutex mu_;
  std::set<std::thread::id> readers_;
};

class ConversationServiceTest : public ::testing::Test {
 protected:
  ConversationServiceTest()
      : work_(ioc_.get_executor()),
        log_(
            std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>())),
        metrics_(registry_),
        signer_(std::string(32, 's')) {}

  void SetUp() override {
    auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                          std::string(BACKCOACH_SOURCE_DIR) + "/intents");
    ASSERT_TRUE(loaded.ok());
    rules_ = std::make_unique<RulesHolder>(loaded.rules);
    auto opened = store::SqliteStore::open(":memory:");
    ASSERT_TRUE(opened.has_value());
    sqlite_ = std::move(*opened);
    store_ = std::make_unique<ObservedStore>(*sqlite_);
    io_thread_ = std::thread([this] { ioc_.run(); });
    service_ = make_owned_service();
  }

  void TearDown() override {
    work_.reset();
    io_thread_.join();
    pool_.join();
    sqlite_->close();
    services_.clear();
    service_.reset();
  }

  // A service over the same store and executors; it lives until TearDown, after
  // the threads that may still be finishing its operations have stopped.
  ConversationService* make_service() {
    services_.push_back(make_owned_service());
    return services_.back().get();
  }
  std::unique_ptr<ConversationService> make_owned_service() {
    return std::make_unique<ConversationService>(
        ioc_.get_executor(), pool_.get_executor(), *store_, *sqlite_, *rules_, signer_, metrics_,
        log_, [] { return std::int64_t{1'700'000'000'000}; }, ConversationService::Options{});
  }

  ServiceResult<Welcome> hello(std::optional<std::string> token = std::nullopt,
                               ConversationService* service = nullptr) {
    std::promise<ServiceResult<Welcome>> p;
    (service ? service : service_.get())->hello(std::move(token), [&](auto r) {
      p.set_value(std::move(r));
    });
    return p.get_future().get();
  }

  ServiceResult<TurnReply> say(const std::string& user, const std::string& id,
                               const std::string& text, ConversationService* service = nullptr) {
    std::promise<ServiceResult<TurnReply>> p;
    (service ? service : service_.get())->say({user, "ws", TextInput{text}, id}, [&](auto r) {
      p.set_value(std::move(r));
    });
    return p.get_future().get();
  }

  ServiceResult<TurnReply> say_on(const std::string& channel, const std::string& user,
                                  const std::string& id, const std::string& text) {
    std::promise<ServiceResult<TurnReply>> p;
    service_->say({user, channel, TextInput{text}, id}, [&](auto r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  std::int64_t committed_turns(const std::string& user) {
    return sqlite_->load_conversation(user)->turns;
  }

  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::thread_pool pool_{2};
  std::thread io_thread_;
  EventLog log_;
  Registry registry_;
  DaemonMetrics metrics_;
  TokenSigner signer_;
  std::unique_ptr<RulesHolder> rules_;
  std::unique_ptr<store::SqliteStore> sqlite_;
  std::unique_ptr<ObservedStore> store_;
  std::unique_ptr<ConversationService> service_;
  std::vector<std::unique_ptr<ConversationService>> services_;
};

TEST_F(ConversationServiceTest, HelloWithoutTokenStartsAConversationAndStoresItsOpening) {
  auto w = hello();
  ASSERT_TRUE(w.has_value());
  EXPECT_FALSE(w->resumed);
  EXPECT_EQ(signer_.verify(w->token), w->user_id);
  ASSERT_FALSE(w->history.empty());
  for (const auto& item : w->history) EXPECT_EQ(item["from"], "bot");
  EXPECT_EQ(committed_turns(w->user_id), 1);
  EXPECT_EQ(metrics_.users_created().value(), 1u);
}

TEST_F(ConversationServiceTest, ABotsPersonIsGreetedInTheirFirstTurnAndKnownAfter) {
  std::promise<ServiceResult<std::string>> p;
  service_->identify("bot:kiosk", "person-7", [&](auto r) { p.set_value(std::move(r)); });
  const auto user = p.get_future().get();
  ASSERT_TRUE(user.has_value());
  auto opening = hello();  // what a greeting looks like on the widget
  ASSERT_TRUE(opening.has_value());
  const auto greeting = opening->history.at(0).at("text").get<std::string>();

  const auto first = say_on("bot:kiosk", *user, "1", "my lower back");
  ASSERT_TRUE(first.has_value());
  ASSERT_GT(first->messages.size(), 1u);
  EXPECT_EQ(first->messages.front().text, greeting);
  EXPECT_EQ(committed_turns(*user), 1);
  const auto second = say_on("bot:kiosk", *user, "2", "35");
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second->messages.front().text, greeting);
  const auto resent = say_on("bot:kiosk", *user, "1", "my lower back");
  EXPECT_TRUE(resent->duplicate);
  EXPECT_EQ(to_json(resent->messages), to_json(first->messages));
  EXPECT_EQ(committed_turns(*user), 2);
  EXPECT_EQ(sqlite_->find_turn(*user, "bot:kiosk:1").value()->channel, "bot:kiosk");
}

// A channel that answers later (a bot's callback, Telegram) gets its messages from
// the outbox: they are committed with the turn, and a resend owes nothing new.
TEST_F(ConversationServiceTest, WhatAChannelIsOwedIsCommittedWithTheTurn) {
  auto w = hello();
  const OutboundPresenter presenter = [&](const TurnReply& reply) {
    return std::vector<store::OutgoingMessage>{
        {"bot:kiosk", "person-7", {{"first", reply.messages.front().text}}}};
  };
  auto said = [&](const std::string& id) {
    std::promise<ServiceResult<TurnReply>> p;
    service_->say({w->user_id, "bot:kiosk", TextInput{"my lower back"}, id, presenter},
                  [&](auto r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  };
  const auto reply = said("1");
  ASSERT_TRUE(reply.has_value());
  // By the time the reply is handed out, the message is in the outbox.
  auto due = sqlite_->due(1'700'000'000'000, 10);
  ASSERT_TRUE(due.has_value());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().user_id, w->user_id);
  EXPECT_EQ(due->front().message.destination, "person-7");
  EXPECT_EQ(due->front().message.payload.at("first"), reply->messages.front().text);

  EXPECT_TRUE(said("1")->duplicate);
  // A resend that only the store remembers (a restart, or the person's conversation
  // left the cache): the step and its presenter may run again, but the store refuses
  // the turn and what it owes with it.
  auto restarted = make_service();
  std::promise<ServiceResult<TurnReply>> p;
  restarted->say({w->user_id, "bot:kiosk", TextInput{"my lower back"}, "1", presenter},
                 [&](auto r) { p.set_value(std::move(r)); });
  EXPECT_TRUE(p.get_future().get()->duplicate);
  EXPECT_EQ(sqlite_->depth()->queued, 1);
}

// A turn that is not stored owes nothing.
TEST_F(ConversationServiceTest, AFailedTurnQueuesNothing) {
  auto w = hello();
  store_->fail_appends = true;
  std::promise<ServiceResult<TurnReply>> p;
  service_->say({w->user_id, "bot:kiosk", TextInput{"my lower back"}, "1",
                 [](const TurnReply&) {
                   return std::vector<store::OutgoingMessage>{{"bot:kiosk", "p", {{"a", 1}}}};
                 }},
                [&](auto r) { p.set_value(std::move(r)); });
  EXPECT_TRUE(p.get_future().get().has_error());
  EXPECT_EQ(sqlite_->depth()->queued, 0);
}

TEST_F(ConversationServiceTest, SayIsCommittedBeforeItsReplyIsHandedOut) {
  auto w = hello();
  auto r = say(w->user_id, "m1", "my lower back");
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->duplicate);
  EXPECT_FALSE(r->messages.empty());
  auto stored = sqlite_->find_turn(w->user_id, "m1");
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->user_text, "my lower back");
  EXPECT_EQ((*stored)->messages, to_json(r->messages));
  EXPECT_EQ(metrics_.turns("committed").value(), 1u);
  EXPECT_EQ(metrics_.turn_duration().count(), 1u);
}

TEST_F(ConversationServiceTest, HelloWithTokenResumesWithHistoryOfBothSides) {
  auto w = hello();
  say(w->user_id, "m1", "my lower back");
  auto again = hello(w->token);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->resumed);
  EXPECT_EQ(again->user_id, w->user_id);
  bool saw_user = false;
  for (const auto& item : again->history) {
    if (item["from"] == "user") {
      EXPECT_EQ(item["text"], "my lower back");
      saw_user = true;
    }
  }
  EXPECT_TRUE(saw_user);
  EXPECT_EQ(again->history.size(), w->history.size() + 1 + 1);  // + user + one bot reply
}

TEST_F(ConversationServiceTest, ForgedTokenIsRefused) {
  auto w = hello("someone.c2lnbmF0dXJl");
  ASSERT_TRUE(w.has_error());
  EXPECT_EQ(w.error(), ServiceError::bad_token);
}

TEST_F(ConversationServiceTest, ResentIdGetsTheStoredReplyAndIsNotANewTurn) {
  auto w = hello();
  auto first = say(w->user_id, "m1", "my lower back");
  auto again = say(w->user_id, "m1", "my lower back");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(to_json(again->messages), to_json(first->messages));
  EXPECT_EQ(committed_turns(w->user_id), 2);
  EXPECT_EQ(metrics_.turns("duplicate").value(), 1u);
}

TEST_F(ConversationServiceTest, ResentIdAfterARestartIsFoundInTheStore) {
  auto w = hello();
  auto first = say(w->user_id, "m1", "my lower back");
  auto restarted = make_service();  // nothing cached
  auto again = say(w->user_id, "m1", "my lower back", restarted);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(to_json(again->messages), to_json(first->messages));
  EXPECT_EQ(committed_turns(w->user_id), 2);
  // And the conversation goes on from where it stood.
  auto next = say(w->user_id, "m2", "35", restarted);
  ASSERT_TRUE(next.has_value());
  EXPECT_FALSE(next->duplicate);
  EXPECT_EQ(committed_turns(w->user_id), 3);
}

TEST_F(ConversationServiceTest, ConcurrentSaysOfOneUserAreSerialised) {
  auto w = hello();
  constexpr int kSays = 12;
  std::vector<std::promise<ServiceResult<TurnReply>>> replies(kSays);
  std::vector<std::thread> tabs;
  for (int i = 0; i < kSays; ++i) {
    tabs.emplace_back([&, i] {
      service_->say({w->user_id, "ws", TextInput{"no"}, "c" + std::to_string(i)},
                    [&, i](auto r) { replies[i].set_value(std::move(r)); });
    });
  }
  for (auto& t : tabs) t.join();
  for (auto& p : replies) EXPECT_TRUE(p.get_future().get().has_value());
  EXPECT_EQ(committed_turns(w->user_id), 1 + kSays);
}

TEST_F(ConversationServiceTest, StoreFailureIsInternalAndLeavesTheConversationWhereItWas) {
  auto w = hello();
  store_->fail_appends = true;
  auto failed = say(w->user_id, "m1", "my lower back");
  ASSERT_TRUE(failed.has_error());
  EXPECT_EQ(failed.error(), ServiceError::internal);
  store_->fail_appends = false;
  store_->unavailable = true;
  auto closing = say(w->user_id, "m1", "my lower back");
  ASSERT_TRUE(closing.has_error());
  EXPECT_EQ(closing.error(), ServiceError::not_ready);
  store_->unavailable = false;
  // The same text now gives the same reply a fresh conversation would have given.
  auto fresh = hello();
  auto expected = say(fresh->user_id, "x", "my lower back");
  auto retried = say(w->user_id, "m1", "my lower back");
  ASSERT_TRUE(retried.has_value());
  EXPECT_EQ(to_json(retried->messages), to_json(expected->messages));
  EXPECT_EQ(metrics_.turns("failed").value(), 2u);
}

TEST_F(ConversationServiceTest, ExportThenEraseForgetsTheUser) {
  auto w = hello();
  say(w->user_id, "m1", "my lower back");
  std::promise<ServiceResult<json>> exported;
  service_->export_user(w->user_id, [&](auto r) { exported.set_value(std::move(r)); });
  auto doc = exported.get_future().get();
  ASSERT_TRUE(doc.has_value());
  EXPECT_NE(doc->dump().find("my lower back"), std::string::npos);
  std::promise<ServiceResult<bool>> erased;
  service_->erase_user(w->user_id, [&](auto r) { erased.set_value(std::move(r)); });
  auto gone = erased.get_future().get();
  ASSERT_TRUE(gone.has_value());
  EXPECT_TRUE(*gone);
  auto after = say(w->user_id, "m2", "hello");
  ASSERT_TRUE(after.has_error());
  EXPECT_EQ(after.error(), ServiceError::bad_token);
  EXPECT_EQ(hello(w->token).error(), ServiceError::bad_token);
}

TEST_F(ConversationServiceTest, StoreReadsNeverRunOnTheIoThread) {
  auto w = hello();
  say(w->user_id, "m1", "my lower back");
  hello(w->token);
  auto restarted = make_service();
  say(w->user_id, "m1", "my lower back", restarted);
  const auto readers = store_->reader_threads();
  EXPECT_FALSE(readers.empty());
  EXPECT_EQ(readers.count(io_thread_.get_id()), 0u);
}

}  // namespace
}  // namespace backcoach::service
