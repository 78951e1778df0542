#include "app/config.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <ostream>
#include <thread>

#include "app/yaml_config.h"
#include "coach/checkin_plan.h"
#include "common/data_dirs.h"
#include "net/origin_policy.h"
#include "outbound/target.h"

namespace backcoach::app {
namespace {

std::string env_name(const std::string& flag) {
  std::string name = "BACKCOACH_";
  for (char c : flag) name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

// Adds --name with its BACKCOACH_NAME variable.
template <class T>
CLI::Option* add(CLI::App& app, const std::string& name, T& value, const std::string& help) {
  return app.add_option("--" + name, value, help)->envname(env_name(name))->capture_default_str();
}

// A duration in seconds: a finite number from 0 to a week, so that turning it into
// milliseconds can neither overflow nor go negative ("1e300", "nan", "-5" are refused).
constexpr double kMaxSeconds = 7 * 24 * 3600;
const CLI::Validator kSecondsRange(
    [](std::string& text) -> std::string {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || v < 0 || v > kMaxSeconds) {
        return "must be seconds from 0 to " + std::to_string(static_cast<int>(kMaxSeconds));
      }
      return {};
    },
    "SECONDS");

// A duration flag in seconds (fractions allowed) bound to a millisecond field.
struct Seconds {
  double value;
  std::chrono::milliseconds& target;
};

// Adds a duration flag in seconds bound to `field`. A deque, so that the values the
// options hold on to stay where they are as more are added.
void add_seconds(CLI::App& app, std::deque<Seconds>& secs, const char* name,
                 std::chrono::milliseconds& field, const std::string& help, const char* group) {
  secs.push_back({static_cast<double>(field.count()) / 1000.0, field});
  add(app, name, secs.back().value, help)->check(kSecondsRange)->group(group);
}

void add_limits(CLI::App& app, net::NetLimits& l, std::deque<Seconds>& secs) {
  const char* group = "Limits";
  add(app, "max-message-bytes", l.max_message_bytes, "WebSocket frame limit (too_large)")
      ->group(group);
  add(app, "max-text-chars", l.decode.max_text_chars, "say.text limit in characters")->group(group);
  add(app, "rate-limit-messages", l.rate_messages, "frames accepted per window per connection")
      ->group(group);
  add(app, "rate-limit-new-users", l.new_users,
      "new conversations per client address per --rate-limit-new-users-window")
      ->group(group);
  add(app, "max-connections", l.max_connections, "open connections in all")->group(group);
  add(app, "max-connections-per-address", l.max_connections_per_address,
      "open connections per client address")
      ->group(group);
  add(app, "send-queue-frames", l.send_queue_frames, "frames queued before a client is dropped")
      ->group(group);
  add(app, "http-body-limit", l.http_body_limit, "request body limit in bytes (413)")->group(group);
  add(app, "http-header-limit", l.http_header_limit, "request header limit in bytes (431)")
      ->group(group);
  const std::pair<const char*, std::chrono::milliseconds*> durations[] = {
      {"handshake-timeout", &l.handshake_timeout},
      {"ping-interval", &l.ping_interval},
      {"idle-timeout", &l.idle_timeout},
      {"http-timeout", &l.http_timeout},
      {"drain-timeout", &l.drain_timeout},
      {"rate-limit-window", &l.rate_window},
      {"rate-limit-new-users-window", &l.new_users_window}};
  for (const auto& [name, field] : durations) {
    add_seconds(app, secs, name, *field, std::string("seconds (") + name + ")", group);
  }
}

void add_telegram(CLI::App& app, TelegramConfig& t) {
  const char* group = "Telegram";
  add(app, "telegram-token-file", t.token_file,
      "file holding the bot's token from BotFather (owner-only); turns the Telegram channel on")
      ->group(group);
  add(app, "telegram-api-base", t.api_base, "the Bot API's address (a test fake's on loopback)")
      ->group(group);
  add(app, "telegram-mode", t.mode, "how updates arrive: polling (no public address) or webhook")
      ->check(CLI::IsMember({"polling", "webhook"}))
      ->group(group);
  add(app, "telegram-webhook-secret-file", t.webhook_secret_file,
      "file holding the webhook's secret_token (webhook mode; owner-only)")
      ->group(group);
  add(app, "telegram-webhook-url", t.webhook_url,
      "public https URL of /v1/telegram/webhook; setWebhook is called with it at start")
      ->group(group);
  add(app, "telegram-ca-file", t.ca_file, "a CA to trust besides the system's (tests)")
      ->group(group);
  add(app, "telegram-pictures", t.pictures_dir, "folder of the exercise PNGs sent as photos")
      ->group(group);
}

// A Telegram setting that cannot work, or "" when they fit together.
std::string telegram_mistake(const TelegramConfig& t) {
  const bool webhook_settings = !t.webhook_secret_file.empty() || !t.webhook_url.empty();
  if (!t.enabled() && (t.webhook() || webhook_settings)) {
    return "the Telegram options need --telegram-token-file";
  }
  if (t.webhook() && t.webhook_secret_file.empty()) {
    return "--telegram-mode webhook needs --telegram-webhook-secret-file";
  }
  if (!t.webhook() && !t.webhook_url.empty()) {
    return "--telegram-webhook-url is for --telegram-mode webhook";
  }
  return {};
}

void add_outbox(CLI::App& app, OutboxConfig& o, std::deque<Seconds>& secs) {
  const char* group = "Outbox (messages to bots' callbacks)";
  add_seconds(app, secs, "outbox-retry-min", o.retry.first,
              "seconds before the first retry of a failed send (then doubling, with jitter)",
              group);
  add_seconds(app, secs, "outbox-retry-max", o.retry.longest,
              "longest wait between two attempts (a receiver's Retry-After may be longer)", group);
  add_seconds(app, secs, "outbox-give-up", o.retry.give_up_after,
              "a message still failing this long after it was queued is given up", group);
  add(app, "outbox-concurrency", o.concurrency, "sends in flight at once")
      ->check(CLI::Range(1, 256))
      ->group(group);
}

// Where a bot's callbacks may go: https:// anywhere, http:// only to a loopback
// IP, since the body is what a person was told.
bool callback_url_ok(const std::string& url) {
  return url.empty() || outbound::parse_target(url).has_value();
}

// "ID,SECRET_FILE[,CALLBACK_URL]" (the config file's `bots:` entries arrive so).
std::optional<BotConfig> parse_bot(const std::string& text) {
  const auto first = text.find(',');
  if (first == std::string::npos) return std::nullopt;
  const auto second = text.find(',', first + 1);
  BotConfig bot{text.substr(0, first), text.substr(first + 1, second - first - 1),
                second == std::string::npos ? std::string() : text.substr(second + 1)};
  const bool id_ok = !bot.id.empty() && bot.id.size() <= 64 &&
                     std::all_of(bot.id.begin(), bot.id.end(), [](unsigned char c) {
                       return std::isalnum(c) != 0 || c == '-' || c == '_';
                     });
  if (!id_ok || bot.secret_file.empty()) return std::nullopt;
  return bot;
}

}  // namespace

std::string Config::effective_secret_file() const {
  if (!secret_file.empty()) return secret_file;
  if (db == ":memory:" || db.starts_with("file::memory:")) return {};
  const auto folder = std::filesystem::path(db).parent_path();
  return (folder / "backcoach.secret").string();
}

std::string Config::effective_vapid_key_file() const {
  if (!vapid_key_file.empty()) return vapid_key_file;
  if (db == ":memory:" || db.starts_with("file::memory:")) return {};
  return (std::filesystem::path(db).parent_path() / "vapid.pem").string();
}

bool parse_listen(const std::string& text, std::string& host, std::uint16_t& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  std::string h = text.substr(0, colon);
  const std::string p = text.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
  if (ec != std::errc{} || end != p.data() + p.size() || value > 65535) return false;
  host = h.empty() ? "0.0.0.0" : (h == "localhost" ? "127.0.0.1" : h);
  port = static_cast<std::uint16_t>(value);
  return true;
}

ParseOutcome parse_config(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Config c;
  const DataDirs data = default_data_dirs();
  c.rules_dir = data.rules.string();
  c.intents_dir = data.intents.string();
  c.web_root = data.web_root.string();
  c.threads = std::max(1U, std::thread::hardware_concurrency());
  c.allow_origins = net::OriginPolicy::default_patterns();
  std::string listen = "127.0.0.1:8080";

  CLI::App app{"backcoachd: the backcoach chat daemon (WebSocket + HTTP)", "backcoachd"};
  app.config_formatter(std::make_shared<YamlConfig>());
  app.set_config("--config", "", "YAML file with any of these options (flags win over it)");
  app.allow_config_extras(CLI::config_extras_mode::error);
  add(app, "listen", listen, "address:port to listen on (port 0: any free port)");
  add(app, "db", c.db, "SQLite database file (created with its folder)");
  add(app, "secret-file", c.secret_file, "token secret (default: backcoach.secret beside --db)");
  add(app, "vapid-key-file", c.vapid_key_file,
      "Web Push VAPID private key, PEM, owner-only (default: vapid.pem beside --db, made on "
      "first start)");
  add(app, "vapid-subject", c.vapid_subject,
      "Web Push contact for push services: mailto:you@example.org or an https URL")
      ->check([](const std::string& text) -> std::string {
        return text.empty() || text.starts_with("mailto:") || text.starts_with("https://")
                   ? ""
                   : "must start with mailto: or https://";
      });
  add(app, "rules", c.rules_dir, "rules directory");
  add(app, "intents", c.intents_dir, "intents directory");
  add(app, "web-root", c.web_root, "directory served at / (demo page, widget, images)");
  add(app, "threads", c.threads, "I/O threads")->check(CLI::Range(1U, 256U));
  add(app, "blocking-threads", c.blocking_threads, "threads for store reads")
      ->check(CLI::Range(1U, 64U));
  add(app, "allow-origin", c.allow_origins,
      "page origins allowed to open the chat (e.g. https://clinic.example, http://localhost:*, *)")
      ->delimiter(',');
  std::vector<std::string> trusted_proxies;
  add(app, "trusted-proxy", trusted_proxies,
      "reverse proxies (addresses or CIDR ranges, e.g. 127.0.0.1, 10.0.0.0/8) whose X-Real-IP "
      "or X-Forwarded-For names the client the per-address limits count")
      ->delimiter(',');
  add(app, "log-level", c.log_level, "debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  add(app, "history-limit", c.history_limit, "messages in welcome.history")
      ->check(CLI::Range(0, 1000));
  add(app, "retention-days", c.retention_days,
      "erase conversations idle longer than this many days, at start and daily (0: never)")
      ->check(CLI::Range(0, 36500));
  add(app, "quiet-hours", c.quiet_hours,
      "HH:MM-HH:MM on each person's clock: no check-in they did not schedule themselves")
      ->check([](const std::string& text) -> std::string {
        return coach::QuietHours::parse(text) ? "" : "must be HH:MM-HH:MM, e.g. 21:00-08:00";
      });
  add(app, "checkin-interval", c.checkin_interval,
      "seconds between the scheduler's passes over due reminders")
      ->check(CLI::Range(0.01, 3600.0));
  add(app, "test-clock-offset", c.test_clock_offset,
      "TESTS ONLY: shift the daemon's clock by this many seconds (reminders, turns, tokens)")
      ->check(CLI::Range(-1e9, 1e9));
  std::deque<Seconds> seconds;
  add_limits(app, c.limits, seconds);
  add_outbox(app, c.outbox, seconds);
  add_telegram(app, c.telegram);
  std::vector<std::string> bots;
  app.add_option("--bot", bots,
                 "a bot of the signed bot API: ID,SECRET_FILE[,CALLBACK_URL] (repeatable; in "
                 "the config file: bots: [{id, secret_file, callback_url}])");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return {std::nullopt, app.exit(e, out, err)};
  }
  if (!parse_listen(listen, c.listen_host, c.listen_port)) {
    err << "backcoachd: --listen must be host:port, not \"" << listen << "\"\n";
    return {std::nullopt, 2};
  }
  if (const auto mistake = telegram_mistake(c.telegram); !mistake.empty()) {
    err << "backcoachd: " << mistake << "\n";
    return {std::nullopt, 2};
  }
  std::string why;
  auto proxies = net::TrustedProxies::parse(trusted_proxies, &why);
  if (!proxies) {
    err << "backcoachd: --trusted-proxy: " << why << "\n";
    return {std::nullopt, 2};
  }
  c.limits.trusted_proxies = std::move(*proxies);
  for (const auto& text : bots) {
    auto bot = parse_bot(text);
    if (!bot) {
      err << "backcoachd: a bot needs an id (letters, digits, - and _) and a secret file, not \""
          << text << "\"\n";
      return {std::nullopt, 2};
    }
    if (!callback_url_ok(bot->callback_url)) {
      err << "backcoachd: bot " << bot->id << ": callback_url must be https://, or http:// to "
          << "a loopback IP address (127.0.0.1, [::1]), not \"" << bot->callback_url << "\"\n";
      return {std::nullopt, 2};
    }
    c.bots.push_back(std::move(*bot));
  }
  for (const auto& s : seconds) {
    s.target = std::chrono::milliseconds(static_cast<std::int64_t>(s.value * 1000.0));
  }
  return {std::move(c), 0};
}

}  // namespace backcoach::app
