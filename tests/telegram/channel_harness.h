#pragma once

#include <deque>
#include <mutex>
#include <utility>

#include "channel_fixture.h"
#include "dialogue/rule_set.h"
#include "service/conversation_service.h"
#include "telegram/exercise_png.h"
#include "telegram/journal_png.h"
#include "telegram/update_queue.h"

namespace backcoach::telegram::testing {

// The outbox as a list (the SQLite outbox and its worker are another branch's): rows
// queued by enqueue() or committed with a turn, in order; `fail_enqueues` refuses that
// many enqueue() calls first.
class RecordingOutbox final : public store::Outbox {
 public:
  std::atomic<int> fail_enqueues{0};

  void add(const std::string& user, const std::vector<store::OutgoingMessage>& rows) {
    std::lock_guard lock(mu_);
    for (const auto& r : rows) rows_.emplace_back(user, r);
  }
  std::vector<std::pair<std::string, store::OutgoingMessage>> rows() const {
    std::lock_guard lock(mu_);
    return {rows_.begin(), rows_.end()};
  }
  // Takes the rows queued so far, oldest first, as the worker gets them.
  std::vector<store::QueuedMessage> take() {
    std::lock_guard lock(mu_);
    std::vector<store::QueuedMessage> out;
    for (; taken_ < rows_.size(); ++taken_) {
      store::QueuedMessage q;
      q.id = static_cast<std::int64_t>(taken_) + 1;
      q.user_id = rows_[taken_].first;
      q.message = rows_[taken_].second;
      out.push_back(std::move(q));
    }
    return out;
  }

  result<void> enqueue(const std::string& user, const std::vector<store::OutgoingMessage>& rows,
                       std::int64_t) override {
    if (fail_enqueues > 0) {
      --fail_enqueues;
      return make_error_code(errc::unavailable);
    }
    add(user, rows);
    return {};
  }
  result<std::vector<store::QueuedMessage>> due(std::int64_t, int) override { return {}; }
  result<void> mark_sent(std::int64_t) override { return {}; }
  result<void> reschedule(std::int64_t, std::int64_t) override { return {}; }
  result<void> give_up(std::int64_t) override { return {}; }
  result<Depth> depth() override { return Depth{}; }

 private:
  mutable std::mutex mu_;
  std::deque<std::pair<std::string, store::OutgoingMessage>> rows_;
  std::size_t taken_ = 0;
};

// The SQLite store's conversation log, putting each committed turn's outgoing rows in the
// RecordingOutbox, as the real outbox does in the turn's transaction.
class RecordingLog final : public store::ConversationLog {
 public:
  RecordingLog(store::ConversationLog& inner, RecordingOutbox& outbox)
      : inner_(inner), outbox_(outbox) {}
  result<std::string> create_user(std::int64_t now) override { return inner_.create_user(now); }
  result<bool> user_exists(const std::string& u) override { return inner_.user_exists(u); }
  result<store::Conversation> load_conversation(const std::string& u) override {
    return inner_.load_conversation(u);
  }
  result<std::optional<store::TurnRecord>> find_turn(const std::string& u,
                                                     const std::string& id) override {
    return inner_.find_turn(u, id);
  }
  result<std::vector<store::HistoryMessage>> recent_messages(const std::string& u, int n) override {
    return inner_.recent_messages(u, n);
  }
  void append_turn(store::TurnRecord turn, CommitHandler done) override {
    auto user = turn.user_id;
    auto rows = turn.outgoing;
    inner_.append_turn(std::move(turn), [this, user, rows, done](boost::system::error_code ec) {
      if (!ec) outbox_.add(user, rows);
      done(ec);
    });
  }
  result<nlohmann::json> export_user(const std::string& u) override {
    return inner_.export_user(u);
  }
  result<bool> erase_user(const std::string& u) override { return inner_.erase_user(u); }
  result<std::int64_t> erase_idle(std::int64_t b, std::int64_t m) override {
    return inner_.erase_idle(b, m);
  }
  result<store::Stats> stats() override { return inner_.stats(); }
  bool writable() override { return inner_.writable(); }

 private:
  store::ConversationLog& inner_;
  RecordingOutbox& outbox_;
};

// The whole channel over the real rules, service and store, the fake Bot API and the
// recording outbox: push updates, wait, then pump() the outbox through the deliverer.
class ChannelHarness : public ChannelFixture {
 protected:
  void SetUp() override {
    ChannelFixture::SetUp();
    if (HasFatalFailure()) return;
    static auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                                 std::string(BACKCOACH_SOURCE_DIR) + "/intents");
    ASSERT_TRUE(loaded.ok());
    rules_ = std::make_unique<service::RulesHolder>(loaded.rules);
    log_view_ = std::make_unique<RecordingLog>(*store_, outbox_);
    service_ = std::make_unique<service::ConversationService>(
        ioc_.get_executor(), pool_.get_executor(), *log_view_, *store_, *rules_, signer_, metrics_,
        log_, clock(), service::ConversationService::Options{});
    pictures_ =
        std::move(*Pictures::load(default_exercise_png_dir(), loaded.rules->exercise_ids(),
                                  api_->bot_id(), {*store_, pool_.get_executor(), clock(), log_}));
    blocked_ = std::move(*BlockedChats::load(*store_, pool_.get_executor(), clock(), log_));
    deliverer_ = std::make_unique<TelegramDeliverer>(*api_, *pictures_, *blocked_,
                                                     journal_charts(*store_, pool_.get_executor()));
    handler_ = std::make_unique<UpdateHandler>(
        UpdateHandler::Deps{*service_, outbox_, *store_, *store_, *store_, *blocked_, *deliverer_,
                            *api_, *rules_, pool_.get_executor(), clock(), log_});
    UpdateQueue::Options options;
    options.retry_pause = std::chrono::milliseconds(20);
    queue_ = std::make_unique<UpdateQueue>(
        UpdateQueue::Deps{*handler_, *store_, api_->bot_id(), ioc_.get_executor(),
                          pool_.get_executor(), clock(), log_, counters_},
        options);
  }

  void TearDown() override {
    if (queue_) queue_->stop();
    ChannelFixture::TearDown();
  }

  // Records the updates as received (as the poller and the webhook do), hands the new
  // ones to the queue and waits until all are handled.
  void push(const std::vector<nlohmann::json>& updates) {
    std::vector<store::TelegramUpdate> kept;
    for (const auto& u : updates) kept.push_back({u["update_id"].get<std::int64_t>(), u});
    auto fresh = store_->receive_updates(api_->bot_id(), kept, std::nullopt, now());
    ASSERT_TRUE(fresh.has_value());
    queue_->push(*fresh);
    settle();
  }

  void settle() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (queue_->waiting() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(queue_->waiting(), 0u) << "updates still waiting after 20 s";
    drain_pool();
  }

  // Sends what the outbox holds, in order, as the worker would; the outcomes.
  std::vector<outbox::Delivery> pump() {
    std::vector<outbox::Delivery> out;
    for (const auto& row : outbox_.take()) {
      std::promise<outbox::Delivery> p;
      auto f = p.get_future();
      deliverer_->deliver(row, [&p](outbox::Delivery d) { p.set_value(std::move(d)); });
      out.push_back(wait(f));
    }
    return out;
  }

  // Telegram's JSON for a text message from a private chat.
  nlohmann::json text_update(std::int64_t chat, const std::string& text) {
    return {{"update_id", ++update_id_},
            {"message",
             {{"message_id", update_id_},
              {"date", 1714564800},
              {"chat", {{"id", chat}, {"type", "private"}}},
              {"from", {{"id", chat}, {"is_bot", false}, {"first_name", "Ann"}}},
              {"text", text}}}};
  }
  nlohmann::json press_update(std::int64_t chat, const std::string& data,
                              const nlohmann::json& keyboard = nlohmann::json()) {
    nlohmann::json message{{"message_id", 9000 + update_id_},
                           {"chat", {{"id", chat}, {"type", "private"}}}};
    if (!keyboard.is_null()) message["reply_markup"] = keyboard;
    return {{"update_id", ++update_id_},
            {"callback_query",
             {{"id", "cb" + std::to_string(update_id_)},
              {"from", {{"id", chat}}},
              {"chat_instance", "1"},
              {"data", data},
              {"message", message}}}};
  }

  // Every text the fake was sent (sendMessage texts and photo captions), in order.
  std::vector<std::string> sent_texts() {
    std::vector<std::string> out;
    for (const auto& c : fake_->calls()) {
      if (c["method"] == "sendMessage") out.push_back(c["params"]["text"]);
      if (c["method"] == "sendPhoto") out.push_back(c["params"].value("caption", ""));
    }
    return out;
  }

  service::Registry registry_;
  service::DaemonMetrics metrics_{registry_};
  UpdateCounters counters_{registry_};
  service::TokenSigner signer_{std::string(32, 's')};
  std::unique_ptr<service::RulesHolder> rules_;
  RecordingOutbox outbox_;
  std::unique_ptr<RecordingLog> log_view_;
  std::unique_ptr<service::ConversationService> service_;
  std::unique_ptr<Pictures> pictures_;
  std::unique_ptr<BlockedChats> blocked_;
  std::unique_ptr<TelegramDeliverer> deliverer_;
  std::unique_ptr<UpdateHandler> handler_;
  std::unique_ptr<UpdateQueue> queue_;
  std::int64_t update_id_ = 100;
};

}  // namespace backcoach::telegram::testing
