#include "app/config.h"

#include <gtest/gtest.h>

#include <boost/asio/ip/address.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace backcoach::app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Runs parse_config over argv words; environment variables are set for the call.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("backcoach-config-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    for (const auto& name : env_) ::unsetenv(name.c_str());
    fs::remove_all(dir_);
  }
  void env(const std::string& name, const std::string& value) {
    ::setenv(name.c_str(), value.c_str(), 1);
    env_.push_back(name);
  }
  std::string yaml(const std::string& text) {
    const auto path = (dir_ / "backcoachd.yaml").string();
    std::ofstream(path) << text;
    return path;
  }
  ParseOutcome parse(std::vector<std::string> words) {
    words.insert(words.begin(), "backcoachd");
    std::vector<const char*> argv;
    for (const auto& w : words) argv.push_back(w.c_str());
    out_.str("");
    err_.str("");
    return parse_config(static_cast<int>(argv.size()), argv.data(), out_, err_);
  }

  fs::path dir_;
  std::vector<std::string> env_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(ConfigTest, DefaultsWorkWithNothingSet) {
  auto c = parse({});
  ASSERT_TRUE(c.config) << err_.str();
  EXPECT_EQ(c.config->listen_host, "127.0.0.1");
  EXPECT_EQ(c.config->listen_port, 8080);
  EXPECT_EQ(c.config->db, "./var/backcoach.db");
  EXPECT_EQ(c.config->effective_secret_file(), "./var/backcoach.secret");
  EXPECT_EQ(c.config->effective_vapid_key_file(), "./var/vapid.pem");
  EXPECT_EQ(c.config->vapid_subject, "");
  EXPECT_TRUE(fs::is_directory(c.config->rules_dir)) << c.config->rules_dir;
  EXPECT_TRUE(fs::is_directory(c.config->intents_dir)) << c.config->intents_dir;
  EXPECT_GE(c.config->threads, 1u);
  EXPECT_EQ(c.config->limits.max_message_bytes, 16u * 1024);
  EXPECT_EQ(c.config->limits.decode.max_text_chars, 2000u);
  EXPECT_EQ(c.config->limits.rate_messages, 20u);
  EXPECT_EQ(c.config->limits.rate_window, 10s);
  EXPECT_EQ(c.config->limits.ping_interval, 30s);
  EXPECT_EQ(c.config->limits.handshake_timeout, 30s);
  EXPECT_EQ(c.config->limits.http_body_limit, 64u * 1024);
  EXPECT_EQ(c.config->limits.http_header_limit, 8u * 1024);
  EXPECT_EQ(c.config->history_limit, 50);
  EXPECT_EQ(c.config->retention_days, 0);  // keep forever
}

TEST_F(ConfigTest, FlagsBeatTheFileWhichBeatsTheEnvironment) {
  env("BACKCOACH_LISTEN", "127.0.0.1:7001");
  env("BACKCOACH_DB", "/env.db");
  env("BACKCOACH_THREADS", "3");
  env("BACKCOACH_LOG_LEVEL", "debug");
  const auto file = yaml("listen: 127.0.0.1:7002\ndb: /file.db\nrate_limit_messages: 5\n");
  auto c = parse({"--config", file, "--listen", "0.0.0.0:7003"});
  ASSERT_TRUE(c.config) << err_.str();
  EXPECT_EQ(c.config->listen_host, "0.0.0.0");  // flag
  EXPECT_EQ(c.config->listen_port, 7003);
  EXPECT_EQ(c.config->db, "/file.db");  // file over environment
  EXPECT_EQ(c.config->threads, 3u);     // environment over default
  EXPECT_EQ(c.config->log_level, "debug");
  EXPECT_EQ(c.config->limits.rate_messages, 5u);  // underscores work in the file
}

TEST_F(ConfigTest, DurationsAreSecondsAndListsSplit) {
  env("BACKCOACH_ALLOW_ORIGIN", "https://a.example,https://b.example");
  auto c = parse({"--ping-interval", "0.5", "--idle-timeout", "120", "--drain-timeout", "2"});
  ASSERT_TRUE(c.config) << err_.str();
  EXPECT_EQ(c.config->limits.ping_interval, 500ms);
  EXPECT_EQ(c.config->limits.idle_timeout, 120s);
  EXPECT_EQ(c.config->limits.drain_timeout, 2s);
  EXPECT_EQ(c.config->allow_origins,
            (std::vector<std::string>{"https://a.example", "https://b.example"}));
}

// Found by fuzzing (tests/fuzz/corpus/config/huge_duration): 1e300 seconds overflowed the
// cast to milliseconds (undefined behaviour) instead of being refused.
TEST_F(ConfigTest, ADurationOutOfRangeIsRefused) {
  for (const char* bad : {"1e300", "nan", "inf", "-5", "604801", "5s"}) {
    SCOPED_TRACE(bad);
    err_.str("");
    const auto c = parse({"--ping-interval", bad});
    EXPECT_FALSE(c.config);
    EXPECT_NE(c.exit_code, 0);
    EXPECT_NE(err_.str().find("--ping-interval"), std::string::npos) << err_.str();
  }
  EXPECT_FALSE(parse({"--config", yaml("drain_timeout: 1e300\n")}).config);
  ASSERT_TRUE(parse({"--drain-timeout", "604800"}).config) << err_.str();
  EXPECT_TRUE(parse({"--ping-interval", "0"}).config) << err_.str();
}

TEST_F(ConfigTest, AllowOriginFlagRepeats) {
  auto c = parse({"--allow-origin", "https://a.example", "--allow-origin", "*"});
  ASSERT_TRUE(c.config);
  EXPECT_EQ(c.config->allow_origins, (std::vector<std::string>{"https://a.example", "*"}));
}

TEST_F(ConfigTest, TrustedProxiesFromTheFlagTheFileOrTheEnvironment) {
  namespace ip = boost::asio::ip;
  const auto none = parse({});
  ASSERT_TRUE(none.config);
  EXPECT_TRUE(none.config->limits.trusted_proxies.empty());
  const auto flag = parse({"--trusted-proxy", "127.0.0.1,10.0.0.0/8", "--trusted-proxy", "::1"});
  ASSERT_TRUE(flag.config) << err_.str();
  const auto& proxies = flag.config->limits.trusted_proxies;
  EXPECT_TRUE(proxies.trusts(ip::make_address("127.0.0.1")));
  EXPECT_TRUE(proxies.trusts(ip::make_address("10.200.3.4")));
  EXPECT_TRUE(proxies.trusts(ip::make_address("::1")));
  EXPECT_FALSE(proxies.trusts(ip::make_address("127.0.0.2")));
  const auto file = parse({"--config", yaml("trusted-proxy: [192.168.0.0/16]\n")});
  ASSERT_TRUE(file.config) << err_.str();
  EXPECT_TRUE(file.config->limits.trusted_proxies.trusts(ip::make_address("192.168.7.7")));
  env("BACKCOACH_TRUSTED_PROXY", "fd00::/8");
  const auto from_env = parse({});
  ASSERT_TRUE(from_env.config) << err_.str();
  EXPECT_TRUE(from_env.config->limits.trusted_proxies.trusts(ip::make_address("fd12::5")));
  for (const char* bad : {"localhost", "10.0.0.0/33", "1.2.3.4:80", "nginx"}) {
    SCOPED_TRACE(bad);
    err_.str("");
    const auto c = parse({"--trusted-proxy", bad});
    EXPECT_FALSE(c.config);
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_NE(err_.str().find(bad), std::string::npos) << err_.str();
  }
}

TEST_F(ConfigTest, RetentionDaysFromTheFlagOrTheFile) {
  EXPECT_EQ(parse({"--retention-days", "30"}).config->retention_days, 30);
  EXPECT_EQ(parse({"--config", yaml("retention_days: 90\n")}).config->retention_days, 90);
  EXPECT_EQ(parse({"--config", yaml("retention-days: 7\n")}).config->retention_days, 7);
  EXPECT_FALSE(parse({"--retention-days", "-1"}).config);
  EXPECT_FALSE(parse({"--retention-days", "a month"}).config);
}

TEST_F(ConfigTest, BotsFromTheFileOrTheFlag) {
  auto c = parse({"--config", yaml("bots:\n"
                                   "  - {id: kiosk, secret_file: /etc/k.secret,\n"
                                   "     callback_url: \"https://bot.example/in?a=1,2\"}\n"
                                   "  - id: clinic\n    secret_file: c.secret\n")});
  ASSERT_TRUE(c.config);
  ASSERT_EQ(c.config->bots.size(), 2u);
  EXPECT_EQ(c.config->bots[0].id, "kiosk");
  EXPECT_EQ(c.config->bots[0].secret_file, "/etc/k.secret");
  EXPECT_EQ(c.config->bots[0].callback_url, "https://bot.example/in?a=1,2");
  EXPECT_EQ(c.config->bots[1].callback_url, "");
  auto flag = parse({"--bot", "kiosk,k.secret"});
  ASSERT_TRUE(flag.config);
  EXPECT_EQ(flag.config->bots.at(0).secret_file, "k.secret");
  EXPECT_FALSE(parse({"--bot", "kiosk"}).config);
  EXPECT_FALSE(parse({"--bot", "a/b,k.secret"}).config);
  EXPECT_FALSE(parse({"--config", yaml("bots:\n  - {id: kiosk}\n")}).config);
  EXPECT_FALSE(parse({"--config", yaml("bots: kiosk\n")}).config);
}

TEST_F(ConfigTest, TelegramFromTheFlagsOrTheFileWithTheIssuesNames) {
  auto off = parse({});
  ASSERT_TRUE(off.config);
  EXPECT_FALSE(off.config->telegram.enabled());
  EXPECT_EQ(off.config->telegram.api_base, "https://api.telegram.org");
  EXPECT_EQ(off.config->telegram.mode, "polling");

  auto flags =
      parse({"--telegram-token-file", "/etc/bc/token", "--telegram-api-base", "http://127.0.0.1:9",
             "--telegram-mode", "webhook", "--telegram-webhook-secret-file", "/etc/bc/hook",
             "--telegram-webhook-url", "https://bc.example/v1/telegram/webhook"});
  ASSERT_TRUE(flags.config) << err_.str();
  const auto& t = flags.config->telegram;
  EXPECT_TRUE(t.enabled());
  EXPECT_TRUE(t.webhook());
  EXPECT_EQ(t.token_file, "/etc/bc/token");
  EXPECT_EQ(t.api_base, "http://127.0.0.1:9");
  EXPECT_EQ(t.webhook_secret_file, "/etc/bc/hook");
  EXPECT_EQ(t.webhook_url, "https://bc.example/v1/telegram/webhook");

  auto file = parse({"--config", yaml("telegram_token_file: /t\ntelegram-mode: polling\n"
                                      "telegram_ca_file: /ca.pem\n")});
  ASSERT_TRUE(file.config) << err_.str();
  EXPECT_EQ(file.config->telegram.token_file, "/t");
  EXPECT_EQ(file.config->telegram.ca_file, "/ca.pem");
  env("BACKCOACH_TELEGRAM_TOKEN_FILE", "/from/env");
  EXPECT_EQ(parse({}).config->telegram.token_file, "/from/env");
}

TEST_F(ConfigTest, TelegramSettingsThatCannotWorkAreRefused) {
  EXPECT_FALSE(parse({"--telegram-token-file", "t", "--telegram-mode", "hook"}).config);
  EXPECT_FALSE(parse({"--telegram-token-file", "t", "--telegram-mode", "webhook"}).config);
  EXPECT_NE(err_.str().find("--telegram-webhook-secret-file"), std::string::npos) << err_.str();
  EXPECT_FALSE(parse({"--telegram-token-file", "t", "--telegram-webhook-url", "https://x"}).config);
  EXPECT_FALSE(parse({"--telegram-mode", "webhook", "--telegram-webhook-secret-file", "s"}).config);
  EXPECT_NE(err_.str().find("--telegram-token-file"), std::string::npos) << err_.str();
}

// Callbacks carry what a person was told: never in the clear over a network.
TEST_F(ConfigTest, ACallbackUrlMustBeHttpsOrLoopback) {
  for (const char* good :
       {"https://bot.example/in", "http://127.0.0.1:9000/hook", "http://[::1]:9000/hook"}) {
    SCOPED_TRACE(good);
    const auto c = parse({"--bot", std::string("kiosk,k.secret,") + good});
    ASSERT_TRUE(c.config) << err_.str();
    EXPECT_EQ(c.config->bots.at(0).callback_url, good);
  }
  for (const char* bad : {"http://bot.example/in", "http://localhost:9000/hook",
                          "ftp://bot.example/", "bot.example/in", "https://"}) {
    SCOPED_TRACE(bad);
    err_.str("");
    const auto c = parse({"--bot", std::string("kiosk,k.secret,") + bad});
    EXPECT_FALSE(c.config);
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_NE(err_.str().find("callback_url"), std::string::npos) << err_.str();
  }
  EXPECT_FALSE(parse({"--config", yaml("bots:\n  - {id: kiosk, secret_file: k.secret,\n"
                                       "     callback_url: \"http://bot.example/in\"}\n")})
                   .config);
}

TEST_F(ConfigTest, TheVapidKeyFileAndSubjectFromTheFileOrTheFlag) {
  auto c = parse({"--config", yaml("vapid_key_file: /etc/backcoach/vapid.pem\n"
                                   "vapid_subject: mailto:ops@clinic.example\n")});
  ASSERT_TRUE(c.config) << err_.str();
  EXPECT_EQ(c.config->effective_vapid_key_file(), "/etc/backcoach/vapid.pem");
  EXPECT_EQ(c.config->vapid_subject, "mailto:ops@clinic.example");
  EXPECT_EQ(parse({"--db", ":memory:"}).config->effective_vapid_key_file(), "");
  EXPECT_FALSE(parse({"--vapid-subject", "ops@clinic.example"}).config);  // no scheme
}

TEST_F(ConfigTest, TheOutboxRetriesAsConfigured) {
  const auto defaults = parse({});
  ASSERT_TRUE(defaults.config);
  EXPECT_EQ(defaults.config->outbox.retry.first, 1s);
  EXPECT_EQ(defaults.config->outbox.retry.longest, 600s);
  EXPECT_EQ(defaults.config->outbox.retry.give_up_after, 24h);
  EXPECT_EQ(defaults.config->outbox.concurrency, 8u);
  const auto c = parse({"--outbox-retry-min", "0.25", "--outbox-give-up", "3600", "--config",
                        yaml("outbox_retry_max: 30\noutbox_concurrency: 2\n")});
  ASSERT_TRUE(c.config) << err_.str();
  EXPECT_EQ(c.config->outbox.retry.first, 250ms);
  EXPECT_EQ(c.config->outbox.retry.longest, 30s);
  EXPECT_EQ(c.config->outbox.retry.give_up_after, 1h);
  EXPECT_EQ(c.config->outbox.concurrency, 2u);
  EXPECT_FALSE(parse({"--outbox-give-up", "1e300"}).config);
  EXPECT_FALSE(parse({"--outbox-concurrency", "0"}).config);
  // The flags that existed before keep their values too.
  EXPECT_EQ(parse({"--ping-interval", "2"}).config->limits.ping_interval, 2s);
}

TEST_F(ConfigTest, MistakesAreReportedNotGuessed) {
  EXPECT_FALSE(parse({"--listen", "nonsense"}).config);
  EXPECT_NE(err_.str().find("--listen"), std::string::npos);
  EXPECT_FALSE(parse({"--threads", "0"}).config);
  EXPECT_FALSE(parse({"--no-such-flag"}).config);
  EXPECT_FALSE(parse({"--log-level", "loud"}).config);
  EXPECT_FALSE(parse({"--config", yaml("no_such_key: 1\n")}).config);
  EXPECT_FALSE(parse({"--config", yaml("listen: [unclosed\n")}).config);
  EXPECT_NE(err_.str().find("config file, line 2"), std::string::npos) << err_.str();
  EXPECT_FALSE(parse({"--config", (dir_ / "missing.yaml").string()}).config);
}

TEST_F(ConfigTest, HelpListsTheOptionsAndExitsZero) {
  auto c = parse({"--help"});
  EXPECT_FALSE(c.config);
  EXPECT_EQ(c.exit_code, 0);
  for (const char* flag :
       {"--listen", "--db", "--config", "--rules", "--intents", "--web-root", "--threads",
        "--allow-origin", "--max-message-bytes", "--trusted-proxy"}) {
    EXPECT_NE(out_.str().find(flag), std::string::npos) << flag;
  }
}

TEST(ParseListen, Forms) {
  std::string host;
  std::uint16_t port = 0;
  EXPECT_TRUE(parse_listen("127.0.0.1:0", host, port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 0);
  EXPECT_TRUE(parse_listen("[::1]:8080", host, port));
  EXPECT_EQ(host, "::1");
  EXPECT_TRUE(parse_listen(":9000", host, port));
  EXPECT_EQ(host, "0.0.0.0");
  EXPECT_EQ(port, 9000);
  EXPECT_TRUE(parse_listen("localhost:1", host, port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_FALSE(parse_listen("127.0.0.1", host, port));
  EXPECT_FALSE(parse_listen("127.0.0.1:70000", host, port));
  EXPECT_FALSE(parse_listen("127.0.0.1:x", host, port));
}

TEST(EffectiveSecret, BesideTheDatabaseUnlessInMemory) {
  Config c;
  c.db = "/srv/backcoach/chat.db";
  EXPECT_EQ(c.effective_secret_file(), "/srv/backcoach/backcoach.secret");
  c.secret_file = "/etc/backcoach/secret";
  EXPECT_EQ(c.effective_secret_file(), "/etc/backcoach/secret");
  c.secret_file.clear();
  c.db = ":memory:";
  EXPECT_EQ(c.effective_secret_file(), "");
}

}  // namespace
}  // namespace backcoach::app
