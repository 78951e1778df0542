// The outbox end to end (issue 8): a bot's callback owed by a committed turn
// reaches the bot from a real backcoachd, signed, even when the daemon is killed
// with SIGKILL mid-send or the bot is down at first; at least once, never lost.
//
// The daemon has no scheduler of its own yet (the coaching issue brings one), so
// the check-in is committed by the same library code a scheduler calls
// (service::Notifier over ConversationService and the SQLite store) while the
// daemon is stopped: exactly what a previous run that died before sending leaves.
#include <gtest/gtest.h>
#include <signal.h>
#include <spdlog/sinks/null_sink.h>
#include <sys/stat.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "callback_receiver.h"
#include "dialogue/rule_set.h"
#include "e2e_env.h"
#include "net/bot_callback.h"
#include "net/request_signature.h"
#include "service/conversation_service.h"
#include "service/notifier.h"
#include "store/sqlite_store.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string kKeyHex(64, 'a');  // the bot's secret file
const std::string kKey(32, '\xaa');  // the bytes it spells

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What a previous run's check-in scheduler left: the event's turn and the bot's
// callback, committed together, nothing sent. The person's id.
std::string commit_checkin(const std::string& db, const store::Identity& who,
                           const std::string& occurrence) {
  auto loaded = dialogue::load_rule_set(std::string(BACKCOACH_SOURCE_DIR) + "/rules",
                                        std::string(BACKCOACH_SOURCE_DIR) + "/intents");
  EXPECT_TRUE(loaded.ok());
  service::RulesHolder rules(loaded.rules);
  auto store = std::move(store::SqliteStore::open(db).value());
  const auto user = store->resolve_identity(who, now_ms()).value().user_id;
  boost::asio::io_context ioc;
  boost::asio::thread_pool pool(1);
  auto work = boost::asio::make_work_guard(ioc);
  std::thread io([&] { ioc.run(); });
  service::EventLog log(
      std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>()));
  service::Registry registry;
  service::DaemonMetrics metrics(registry);
  service::TokenSigner signer(std::string(32, 's'));
  service::ConversationService chat(ioc.get_executor(), pool.get_executor(), *store, *store, rules,
                                    signer, metrics, log, now_ms, {});
  service::Notifier notifier(pool.get_executor(), chat, *store, log);
  notifier.add_channel("bot", [](const store::Identity& identity, const std::string& event) {
    return net::bot_callback_presenter(identity, event);
  });
  std::promise<service::ServiceResult<service::Notifier::Notified>> done;
  notifier.notify(user, "checkin_due", occurrence, [&](auto r) { done.set_value(std::move(r)); });
  const auto notified = done.get_future().get();
  EXPECT_TRUE(notified.has_value() && notified->queued == 1);
  work.reset();
  io.join();
  pool.join();
  store->close();
  return user;
}

// The value of one sample of /metrics, or -1 when it is absent.
double metric(unsigned short port, const std::string& sample) {
  const auto text = http_request(port, "GET", "/metrics").body;
  const auto at = text.find("\n" + sample + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + sample.size() + 2));
}

// Up to 30 s: CI runs this beside other tests on two cores.
bool wait_for_metric(unsigned short port, const std::string& sample, double at_least) {
  for (int i = 0; i < 600; ++i) {
    if (metric(port, sample) >= at_least) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

constexpr const char* kSent = "backcoach_outbox_sent_total{channel=\"bot:kiosk\"}";
constexpr const char* kRetried = "backcoach_outbox_retried_total{channel=\"bot:kiosk\"}";
constexpr const char* kDepth = "backcoach_outbox_queue_depth";

class OutboxE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto secret = dir_.file("kiosk.secret");
    std::ofstream(secret) << kKeyHex << "\n";
    ::chmod(secret.c_str(), 0600);
  }
  std::unique_ptr<ChildDaemon> daemon(unsigned short callback_port) {
    return start_daemon(dir_, {"--bot",
                               "kiosk," + dir_.file("kiosk.secret") +
                                   ",http://127.0.0.1:" + std::to_string(callback_port) + "/hook",
                               "--outbox-retry-min", "0.2", "--outbox-retry-max", "0.5"});
  }
  // A message as the bot sends it: signed with its key.
  HttpReply bot_says(unsigned short port, const std::string& user, const std::string& id,
                     const std::string& choice) {
    const std::string body = json{{"user", user}, {"id", id}, {"choice", choice}}.dump();
    const std::string ts = std::to_string(now_ms() / 1000);
    return http_request(port, "POST", "/v1/bots/kiosk/messages",
                        {{"Content-Type", "application/json"},
                         {"X-Backcoach-Timestamp", ts},
                         {"X-Backcoach-Signature", net::sign_v1(kKey, ts, body)}},
                        body);
  }
  std::string db() const { return dir_.file("var/chat.db"); }

  TempDir dir_;
  testing::CallbackReceiver receiver_{kKey};
};

TEST_F(OutboxE2E, ACallbackInFlightWhenTheDaemonIsKilledIsSentAgainAfterTheRestart) {
  receiver_.answer_with({{200, "", /*hold=*/true}});  // slow: the first send never returns
  const auto port = receiver_.start();
  ASSERT_NE(port, 0);
  {
    auto first = daemon(port);  // makes the database
    ASSERT_TRUE(first);
    first->signal(SIGTERM);
    ASSERT_EQ(first->wait_exit(15s), 0);
  }
  commit_checkin(db(), {"bot:kiosk", "alice-17"}, "checkin_due:2024-05-02");

  auto killed = daemon(port);
  ASSERT_TRUE(killed);
  ASSERT_TRUE(receiver_.wait_for(1, 30s)) << killed->log();
  killed->signal(SIGKILL);  // mid-send: sent, not known to be sent
  killed->wait_exit(15s);

  receiver_.answer_with({{200, "", false}});
  auto restarted = daemon(port);
  ASSERT_TRUE(restarted);
  ASSERT_TRUE(wait_for_metric(restarted->port(), kSent, 1)) << restarted->log();
  EXPECT_EQ(metric(restarted->port(), kDepth), 0);

  // Twice (the duplicate window), the same message with the same idempotency key,
  // each signed with the bot's key.
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 2u);
  for (const auto& r : got) {
    EXPECT_TRUE(r.signature_ok) << r.signature;
    EXPECT_EQ(r.idempotency_key, got[0].idempotency_key);
    EXPECT_EQ(r.target, "/hook");
  }
  EXPECT_EQ(got[0].body, got[1].body);
  const auto body = json::parse(got[1].body);
  EXPECT_EQ(body.at("id"), got[1].idempotency_key);
  EXPECT_EQ(body.at("bot"), "kiosk");
  EXPECT_EQ(body.at("user"), "alice-17");
  EXPECT_EQ(body.at("event"), "checkin_due");
  const auto& question = body.at("replies").back();
  EXPECT_NE(question.at("text").get<std::string>().find("How is your back today"),
            std::string::npos);
  ASSERT_FALSE(question.at("quick_replies").empty());

  // The person answers through the bot: the check-in is part of their conversation.
  const auto answer = bot_says(restarted->port(), "alice-17", "m1",
                               question.at("quick_replies").at(0).get<std::string>());
  EXPECT_EQ(answer.status, 200u) << answer.body;
  EXPECT_FALSE(json::parse(answer.body).at("replies").empty());
  EXPECT_EQ(receiver_.received().size(), 2u);  // an answer is not a callback
}

TEST_F(OutboxE2E, ABotThatIsDownAtFirstGetsTheCallbackWhenItComesBack) {
  const auto port = receiver_.start();  // a free port for the bot...
  ASSERT_NE(port, 0);
  receiver_.stop();  // ...which is down
  commit_checkin(db(), {"bot:kiosk", "bob-3"}, "checkin_due:2024-05-02");

  auto d = daemon(port);
  ASSERT_TRUE(d);
  ASSERT_TRUE(wait_for_metric(d->port(), kRetried, 2)) << d->log();
  EXPECT_EQ(metric(d->port(), kDepth), 1);
  EXPECT_EQ(metric(d->port(), kSent), 0);

  testing::CallbackReceiver back{kKey};
  ASSERT_EQ(back.start(port), port);
  ASSERT_TRUE(wait_for_metric(d->port(), kSent, 1)) << d->log();
  ASSERT_EQ(back.received().size(), 1u);
  EXPECT_TRUE(back.received()[0].signature_ok);
  EXPECT_EQ(metric(d->port(), kDepth), 0);
  // The log says why it waited, never what the message said.
  const std::string log = d->log();
  EXPECT_EQ(log.find("How is your back"), std::string::npos);
  EXPECT_EQ(log.find("bob-3"), std::string::npos);
}

}  // namespace
}  // namespace backcoach::e2e
