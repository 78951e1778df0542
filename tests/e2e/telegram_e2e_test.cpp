// The Telegram channel of a real backcoachd, driven by the fake Bot API
// (tests/fake_telegram) started on loopback port 0 and stopped with the test program:
// polling and webhook conversations, pictures, a duplicated update, kill -9 and restart
// (updates taken once; replies committed but not sent, sent once), linking from the
// widget, erasure, the webhook's bad inputs, a chat that blocked the bot, and daily
// check-ins through the outbox (none to a chat that sent /stop).
#include <date/tz.h>
#include <gmock/gmock.h>
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "crash_safety_db.h"
#include "e2e_env.h"
#include "fake_telegram.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using ::testing::HasSubstr;

constexpr char kWebhookSecret[] = "webhook-s3cret_for-tests";

class TelegramE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = &testing::FakeTelegram::shared();
    ASSERT_TRUE(fake_->running()) << "fake_telegram.py did not start";
    fake_->post("/reset", json::object());
    write_secret("token", fake_->token());
    write_secret("webhook.secret", kWebhookSecret);
  }

  void write_secret(const std::string& name, const std::string& text) {
    const auto path = dir_.file(name);
    std::ofstream(path) << text << "\n";
    ::chmod(path.c_str(), 0600);
  }

  std::vector<std::string> flags(bool webhook = false) {
    std::vector<std::string> f = {"--telegram-token-file", dir_.file("token"),
                                  "--telegram-api-base",   fake_->api_base(),
                                  "--telegram-ca-file",    fake_->ca_file()};
    if (webhook) {
      f.insert(f.end(), {"--telegram-mode", "webhook", "--telegram-webhook-secret-file",
                         dir_.file("webhook.secret"), "--telegram-webhook-url",
                         "https://bot.example/v1/telegram/webhook"});
    }
    return f;
  }

  void start(bool webhook = false, const std::vector<std::string>& extra = {}) {
    auto f = flags(webhook);
    f.insert(f.end(), extra.begin(), extra.end());
    daemon_ = start_daemon(dir_, f);
    ASSERT_NE(daemon_, nullptr);
    ASSERT_TRUE(daemon_->wait_for_log("\"event\":\"telegram_bot\"", 20s)) << daemon_->log();
  }

  static json message(std::int64_t chat, const std::string& text) {
    return {{"message",
             {{"message_id", 1},
              {"date", 1714564800},
              {"chat", {{"id", chat}, {"type", "private"}}},
              {"from", {{"id", chat}, {"is_bot", false}, {"first_name", "Ann"}}},
              {"text", text}}}};
  }

  // The chat a recorded call was for (a form sends it as text), 0 for none.
  static std::int64_t chat_of(const json& call) {
    const auto& params = call.value("params", json::object());
    const auto it = params.find("chat_id");
    if (it == params.end()) return 0;
    return it->is_string() ? std::stoll(it->get<std::string>()) : it->get<std::int64_t>();
  }

  // Everything sent to `chat` so far (sendMessage texts, photo captions), in order.
  std::vector<std::string> sent_to(std::int64_t chat) {
    std::vector<std::string> out;
    for (const auto& c : fake_->calls()) {
      if (c.value("status", 0) != 200 || chat_of(c) != chat) continue;
      if (c["method"] == "sendMessage") out.push_back(c["params"]["text"]);
      if (c["method"] == "sendPhoto") out.push_back(c["params"].value("caption", ""));
    }
    return out;
  }

  // Waits until `chat` was sent a text containing `needle`; every text sent to it.
  std::vector<std::string> wait_for(std::int64_t chat, const std::string& needle,
                                    std::chrono::seconds timeout = 20s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto texts = sent_to(chat);
      const bool seen = std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
        return t.find(needle) != std::string::npos;
      });
      if (seen || std::chrono::steady_clock::now() > deadline) {
        EXPECT_TRUE(seen) << "nothing with \"" << needle << "\" was sent to " << chat
                          << "; the last: " << (texts.empty() ? "(none)" : texts.back());
        return texts;
      }
      std::this_thread::sleep_for(50ms);
    }
  }

  // Says `text` in `chat` by polling and waits for the reply containing `expect`.
  void say(std::int64_t chat, const std::string& text, const std::string& expect) {
    fake_->queue_updates(json::array({message(chat, text)}));
    wait_for(chat, expect);
  }

  HttpReply webhook(const std::string& body, const std::string& secret = kWebhookSecret) {
    return http_request(
        daemon_->port(), "POST", "/v1/telegram/webhook",
        {{"X-Telegram-Bot-Api-Secret-Token", secret}, {"Content-Type", "application/json"}}, body);
  }

  std::vector<StoredTurn> turns_with(const std::string& prefix) {
    std::vector<StoredTurn> out;
    for (auto& t : read_turns(dir_.file("var/chat.db"))) {
      if (t.client_msg_id.rfind(prefix, 0) == 0) out.push_back(std::move(t));
    }
    return out;
  }

  testing::FakeTelegram* fake_ = nullptr;
  TempDir dir_;
  std::unique_ptr<ChildDaemon> daemon_;
};

TEST_F(TelegramE2E, APolledConversationReachesTheEmergencyAdviceWithTheNumber) {
  start();
  say(501, "my lower back", "How old are you?");
  say(501, "I can't feel the toilet paper when I wipe and I've wet myself", "999");
  const auto texts = sent_to(501);
  EXPECT_THAT(texts.back(), HasSubstr("emergency"));
  EXPECT_EQ(daemon_->log().find("toilet paper"), std::string::npos) << "message text logged";
  EXPECT_EQ(daemon_->log().find(fake_->token()), std::string::npos) << "the token was logged";
}

TEST_F(TelegramE2E, AStretchComesAsItsPictureUploadedOnceThenByFileId) {
  start();
  for (std::int64_t chat : {502, 503}) {
    for (const auto& text : self_care_script()) {
      fake_->queue_updates(json::array({message(chat, text)}));
      std::this_thread::sleep_for(150ms);  // one chat's messages in their order
    }
  }
  const auto photos = fake_->calls("sendPhoto", 2, 30);
  ASSERT_GE(photos.size(), 2u);
  EXPECT_TRUE(photos[0]["files"]["photo"]["png"]) << "uploaded as a PNG";
  EXPECT_THAT(photos[0]["params"]["caption"].get<std::string>(), HasSubstr("\n1. "));
  const std::string first_file = photos[0]["files"]["photo"]["sha256"];
  // Every later send of that same picture is by the file_id Telegram gave for it.
  int by_id = 0;
  for (std::size_t i = 1; i < photos.size(); ++i) {
    if (photos[i]["files"].empty()) {
      EXPECT_THAT(photos[i]["params"]["photo"].get<std::string>(), HasSubstr("photo-"));
      ++by_id;
    } else {
      EXPECT_NE(photos[i]["files"]["photo"]["sha256"], first_file) << "uploaded twice";
    }
  }
  EXPECT_GE(by_id, 1);
}

// /journal and asking in words each bring the pain journal as a picture: a PNG (its
// signature and IHDR read by the fake) of the chart drawn at twice its 640x300.
TEST_F(TelegramE2E, TheJournalChartArrivesAsAPngByCommandAndInWords) {
  start();
  say(514, "my lower back", "How old are you?");
  fake_->queue_updates(json::array({message(514, "/journal")}));
  std::this_thread::sleep_for(150ms);
  fake_->queue_updates(json::array({message(514, "show me my pain journal")}));
  const auto photos = fake_->calls("sendPhoto", 2, 20);
  ASSERT_EQ(photos.size(), 2u);
  for (const auto& photo : photos) {
    EXPECT_EQ(chat_of(photo), 514);
    const auto& file = photo["files"]["photo"];
    EXPECT_TRUE(file["png"]) << file;
    EXPECT_EQ(file["width"], 1280);
    EXPECT_EQ(file["height"], 600);
    EXPECT_THAT(photo["params"]["caption"].get<std::string>(),
                HasSubstr("Your back pain over the last two weeks"));
  }
  wait_for(514, "Here's your pain journal");
}

TEST_F(TelegramE2E, AWebhookConversationWithSetWebhookAtStartAndADuplicatedUpdate) {
  start(true);
  const auto set = fake_->calls("setWebhook", 1, 10);
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set[0]["params"]["url"], "https://bot.example/v1/telegram/webhook");
  EXPECT_EQ(set[0]["params"]["secret_token"], kWebhookSecret);
  auto update = message(504, "my lower back");
  update["update_id"] = 9001;
  EXPECT_EQ(webhook(update.dump()).status, 200u);
  wait_for(504, "How old are you?");
  EXPECT_EQ(webhook(update.dump()).status, 200u) << "Telegram sent it again";
  update = message(504, "lower back and my right leg has gone weak");
  update["update_id"] = 9002;
  EXPECT_EQ(webhook(update.dump()).status, 200u);
  const auto texts = wait_for(504, "within 24 hours");
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "How old are you?"), 1);
  EXPECT_EQ(turns_with("telegram:").size(), 2u) << "update 9001 was taken twice";
}

TEST_F(TelegramE2E, TheWebhookRefusesBadInputClearlyAndStoresNothing) {
  start(true);
  EXPECT_EQ(webhook(message(505, "hi").dump(), "wrong").status, 401u);
  EXPECT_EQ(http_request(daemon_->port(), "POST", "/v1/telegram/webhook", {}, "{}").status, 401u);
  const auto bad = webhook("{not json");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(webhook(R"({"message": {"text": "no update_id"}})").status, 400u);
  EXPECT_EQ(webhook(R"({"update_id": 5, "message": {"text": "no chat"}})").status, 400u);
  EXPECT_EQ(webhook(std::string(200 * 1024, ' ')).status, 413u);
  EXPECT_EQ(webhook(R"({"update_id": 6, "my_chat_member": {"chat": {"id": 5}}})").status, 200u);
  EXPECT_EQ(http_request(daemon_->port(), "GET", "/v1/telegram/webhook").status, 405u);
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(read_turns(dir_.file("var/chat.db")).empty());
  EXPECT_TRUE(fake_->calls("sendMessage").empty());
}

// kill -9 while replies are going out, then a restart: every update is one turn, none is
// lost, and polling goes on from the offset recorded with the last batch.
TEST_F(TelegramE2E, KillNineMidConversationThenRestartLosesAndRepeatsNoUpdate) {
  start();
  fake_->post("/delay", {{"method", "sendMessage"}, {"seconds", 0.3}, {"times", 1000}});
  const auto& script = self_care_script();
  json batch = json::array();
  for (const auto& text : script) batch.push_back(message(506, text));
  const auto ids = fake_->queue_updates(batch)["update_ids"];
  fake_->calls("sendMessage", 3, 20);  // replies are on their way
  daemon_->signal(SIGKILL);
  daemon_->wait_exit(10s);
  fake_->post("/delay", {{"method", "sendMessage"}, {"seconds", 0}, {"times", 0}});
  fake_->post("/reset", json::object());  // forgets the queue too: what was confirmed is gone
  start();
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (turns_with("telegram:").size() < script.size() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
  }
  const auto turns = turns_with("telegram:");
  ASSERT_EQ(turns.size(), script.size()) << "an update was lost or taken twice";
  for (std::size_t i = 0; i < script.size(); ++i) {
    EXPECT_EQ(turns[i].user_text, script[i]);
    EXPECT_EQ(turns[i].client_msg_id, "telegram:" + std::to_string(ids[i].get<std::int64_t>()));
  }
  wait_for(506, "Knee-to-chest");  // the replies went out after the restart
  const auto polls = fake_->calls("getUpdates", 1, 10);
  ASSERT_FALSE(polls.empty());
  EXPECT_EQ(polls[0]["params"]["offset"], ids.back().get<std::int64_t>() + 1);
}

// kill -9 after a turn and its replies were committed and before Telegram took any of
// them (every sendMessage refused meanwhile, so each is waiting for its retry): after the
// restart each reply is sent, once, and the update is still one turn.
TEST_F(TelegramE2E, RepliesCommittedButNotSentWhenKilledAreSentOnceAfterTheRestart) {
  start();
  fake_->post("/faults", {{"method", "sendMessage"}, {"status", 502}, {"times", -1}});
  fake_->queue_updates(json::array({message(511, "my lower back")}));
  ASSERT_FALSE(fake_->calls("sendMessage", 1, 20).empty()) << "no reply was tried";
  ASSERT_EQ(turns_with("telegram:").size(), 1u);
  daemon_->signal(SIGKILL);
  daemon_->wait_exit(10s);
  ASSERT_TRUE(sent_to(511).empty()) << "a reply got through before the kill";
  fake_->post("/reset", json::object());
  start();
  wait_for(511, "How old are you?");
  std::this_thread::sleep_for(1s);  // time for a repeat to show
  const auto texts = sent_to(511);
  EXPECT_GE(texts.size(), 2u) << "the greeting has several bubbles";
  for (const auto& t : texts) {
    EXPECT_EQ(std::count(texts.begin(), texts.end(), t), 1) << "sent twice: " << t;
  }
  EXPECT_EQ(turns_with("telegram:").size(), 1u);
}

TEST_F(TelegramE2E, TheWidgetLinksToTelegramAndErasingRemovesTheTelegramIdentity) {
  start();
  WsClient ws(daemon_->port());
  const std::string token = ws.hello()["token"];
  ws.say("w1", "my lower back");
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + token}};
  EXPECT_EQ(json::parse(http_request(daemon_->port(), "GET", "/v1/telegram").body)["bot"],
            "fake_bot");
  const auto link = http_request(daemon_->port(), "POST", "/v1/telegram/link", auth);
  ASSERT_EQ(link.status, 200u) << link.body;
  const std::string url = json::parse(link.body)["url"];
  const std::string prefix = "https://t.me/fake_bot?start=";
  ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
  say(507, "/start " + url.substr(prefix.size()), "connected");
  say(507, "35", "How long have you had this pain?");  // the widget's question, answered here
  const auto exported = http_request(daemon_->port(), "GET", "/v1/me/conversation", auth);
  ASSERT_EQ(exported.status, 200u);
  const auto identities = json::parse(exported.body)["identities"];
  ASSERT_EQ(identities.size(), 1u) << identities;  // the widget's token is no identity
  EXPECT_EQ(identities[0]["channel"], "telegram");
  EXPECT_EQ(identities[0]["kind"], "telegram_chat_id");
  EXPECT_EQ(identities[0]["external_id"], "507");
  EXPECT_TRUE(identities[0]["linked_at"].is_string());

  EXPECT_EQ(http_request(daemon_->port(), "DELETE", "/v1/me", auth).status, 204u);
  say(507, "my lower back", "How old are you?");  // a stranger now: greeted from the start
  const auto texts = sent_to(507);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "How old are you?"), 1);
  EXPECT_EQ(http_request(daemon_->port(), "GET", "/v1/me/conversation", auth).status, 404u);
}

TEST_F(TelegramE2E, ForgetErasesAfterTheConfirmButton) {
  start();
  say(508, "my lower back", "How old are you?");
  say(508, "/forget", "erase everything");
  const auto calls = fake_->calls("sendMessage");
  const auto keyboard = calls.back()["params"]["reply_markup"]["inline_keyboard"];
  json press{{"callback_query",
              {{"id", "cb-1"},
               {"from", {{"id", 508}}},
               {"chat_instance", "1"},
               {"data", keyboard[0][0]["callback_data"]},
               {"message",
                {{"message_id", 3},
                 {"chat", {{"id", 508}, {"type", "private"}}},
                 {"reply_markup", {{"inline_keyboard", keyboard}}}}}}}};
  fake_->queue_updates(json::array({press}));
  wait_for(508, "erased everything");
  EXPECT_EQ(fake_->calls("answerCallbackQuery", 1, 10).size(), 1u);
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(read_turns(dir_.file("var/chat.db")).empty()) << "the person's turns are gone";
}

// The first reply of a turn is refused with 403: the turn's other replies (the greeting
// has several) are not even tried, and other chats are served as before.
TEST_F(TelegramE2E, AChatThatBlockedTheBotIsSentNothingMore) {
  start();
  fake_->post("/faults", {{"method", "sendMessage"},
                          {"status", 403},
                          {"description", "Forbidden: bot was blocked by the user"}});
  fake_->queue_updates(json::array({message(509, "my lower back")}));
  const auto refused = fake_->calls("sendMessage", 1, 20);
  ASSERT_FALSE(refused.empty());
  EXPECT_EQ(chat_of(refused[0]), 509);
  say(510, "my lower back", "How old are you?");
  std::this_thread::sleep_for(500ms);
  int to_blocked = 0;
  for (const auto& c : fake_->calls()) to_blocked += chat_of(c) == 509 ? 1 : 0;
  EXPECT_EQ(to_blocked, 1) << "only the first message was tried";
  EXPECT_EQ(turns_with("telegram:").size(), 2u) << "its turn was taken all the same";
  EXPECT_TRUE(daemon_->wait_for_log("\"reason\":\"403 blocked\"", 5s) ||
              daemon_->log().find("403 blocked") != std::string::npos)
      << daemon_->log();
}

// Telegram tells us no zone, so choosing a time asks for one; an unclear answer is asked
// again, and "New York" makes the reminder 19:00 New York time: its next due instant is the
// next 19:00 on New York's wall clock after the daemon's (shifted) clock, not 19:00 UTC.
TEST_F(TelegramE2E, AReminderChosenOnTelegramIsSetInTheZoneThePersonNames) {
  using namespace std::chrono;
  const auto offset = hours(24 * 40) + minutes(17);  // the daemon's clock, not the test's
  start(false, {"--test-clock-offset", std::to_string(duration<double>(offset).count())});
  for (const auto& text : self_care_script()) {
    fake_->queue_updates(json::array({message(515, text)}));
    std::this_thread::sleep_for(150ms);
  }
  say(515, "better", "What time suits you?");
  say(515, "7pm", "Which time zone should I use?");
  fake_->queue_updates(json::array({message(515, "somewhere sunny")}));
  std::this_thread::sleep_for(1s);
  auto texts = sent_to(515);
  EXPECT_THAT(texts.back(), HasSubstr("Which time zone")) << "asked again, not guessed";
  EXPECT_TRUE(read_reminders(dir_.file("var/chat.db")).empty());
  const auto before = system_clock::now() + offset;
  say(515, "New York", "every day at 19:00, America/New_York time");
  const auto reminders = read_reminders(dir_.file("var/chat.db"));
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0].local_time, "19:00");
  EXPECT_EQ(reminders[0].tz, "America/New_York");
  const auto due = sys_time<milliseconds>(milliseconds(reminders[0].next_due_ms));
  EXPECT_GT(due, before);
  EXPECT_LE(due, before + hours(24) + seconds(30));
  const auto local = date::make_zoned("America/New_York", due).get_local_time();
  EXPECT_EQ(local - floor<days>(local), hours(19)) << date::format("%F %T", local);
}

// Daily check-ins reach Telegram, not only the widget. Two chats choose 12:00 (UTC: a
// chat has no zone) in the conversation ten minutes before it on the daemon's shifted
// clock, and one of them sends /stop; the daemon is restarted three seconds before 12:00
// (the reminders are in the database). The first chat is asked how its back is today,
// once; the other is not.
TEST_F(TelegramE2E, ADueCheckInReachesTheChatButNotOneThatSentStop) {
  using std::chrono::system_clock;
  auto due = std::chrono::floor<std::chrono::days>(system_clock::now()) + 12h;
  if (due < system_clock::now() + 15min) due += std::chrono::days{1};
  const auto clock_at = [&](system_clock::duration before) {
    const auto offset = std::chrono::duration<double>(due - before - system_clock::now());
    return std::vector<std::string>{"--test-clock-offset", std::to_string(offset.count()),
                                    "--checkin-interval",  "0.2",
                                    "--quiet-hours",       "00:00-00:00"};
  };
  start(false, clock_at(10min));
  for (std::int64_t chat : {512, 513}) {
    for (const auto& text : self_care_script()) {
      fake_->queue_updates(json::array({message(chat, text)}));
      std::this_thread::sleep_for(150ms);
    }
    say(chat, "better", "What time suits you?");
    say(chat, "12:00", "Which time zone should I use?");  // Telegram tells us none
    say(chat, "UTC", "every day at 12:00, UTC time");
  }
  say(513, "/stop", "no more reminders");
  daemon_->signal(SIGTERM);
  ASSERT_EQ(daemon_->wait_exit(15s), 0);
  start(false, clock_at(3s));
  const auto asked = wait_for(512, "How is your back today", 30s);
  std::this_thread::sleep_for(2s);  // both were due at the same instant
  for (const auto& t : sent_to(513)) {
    EXPECT_EQ(t.find("How is your back today"), std::string::npos) << "the /stop-ed chat was asked";
  }
  EXPECT_EQ(std::count_if(asked.begin(), asked.end(),
                          [](const std::string& t) {
                            return t.find("How is your back today") != std::string::npos;
                          }),
            1);
  // The check-in's answers, then its last one brings the journal's chart with today's score.
  say(512, "3", "Did you do your routine");
  say(512, "yes", "How did it feel");
  say(512, "better", "Thanks for checking in");
  std::vector<json> charts;
  for (const auto& p : fake_->calls("sendPhoto")) {
    if (chat_of(p) == 512 && p["files"].contains("photo") &&
        p["files"]["photo"]["filename"] == "journal.png") {
      charts.push_back(p);
    }
  }
  ASSERT_EQ(charts.size(), 1u);
  EXPECT_TRUE(charts[0]["files"]["photo"]["png"]);
  EXPECT_EQ(charts[0]["files"]["photo"]["width"], 1280);
  EXPECT_THAT(charts[0]["params"]["caption"].get<std::string>(), HasSubstr("checking in"));
}

}  // namespace
}  // namespace backcoach::e2e
