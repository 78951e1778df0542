#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "net/server_context.h"
#include "outbox/retry_policy.h"

namespace backcoach::app {

// A bot of the signed bot API (docs/bots.md).
struct BotConfig {
  std::string id;            // its URL's {bot_id}: letters, digits, '-' and '_'
  std::string secret_file;   // 64 hex digits, owner-only (as the token secret)
  std::string callback_url;  // where messages the daemon starts go; may be empty.
                             // https://, or http:// to a loopback IP (tests, a local proxy)
};

// The outbox worker: how it retries and how many sends it runs at once.
struct OutboxConfig {
  outbox::RetryPolicy retry;
  std::size_t concurrency = 8;
};

// The Telegram channel (docs/operations.md#telegram). Off unless token_file is set.
struct TelegramConfig {
  std::string token_file;  // the bot token from BotFather, owner-only; never logged
  std::string api_base = "https://api.telegram.org";
  std::string mode = "polling";     // polling | webhook
  std::string webhook_secret_file;  // webhook: what X-Telegram-Bot-Api-Secret-Token must be
  std::string webhook_url;          // webhook: when set, setWebhook with it at start
  std::string ca_file;              // a CA trusted besides the system's (a test Bot API)
  std::string pictures_dir;         // exercise PNGs; default: installed or built ones

  bool enabled() const { return !token_file.empty(); }
  bool webhook() const { return mode == "webhook"; }
};

// Everything backcoachd can be told. Sources, strongest first: command-line flags,
// the YAML file named by --config, BACKCOACH_* environment variables, defaults.
// Defaults work with no configuration at all.
struct Config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::string db = "./var/backcoach.db";
  std::string secret_file;  // empty: "backcoach.secret" next to the database
  // The VAPID key of Web Push (PKCS#8 PEM, owner-only). Given: it must exist. Empty:
  // "vapid.pem" next to the database, made on first start.
  std::string vapid_key_file;
  std::string vapid_subject;  // the push services' contact for us: mailto: or https:
  std::string rules_dir;      // defaults: common/data_dirs.h
  std::string intents_dir;
  std::string web_root;
  unsigned threads = 1;                    // I/O threads; default: one per core
  unsigned blocking_threads = 2;           // store reads
  std::vector<std::string> allow_origins;  // besides the daemon's own origin
  std::string log_level = "info";
  int history_limit = 50;
  int retention_days = 0;  // erase conversations idle longer than this; 0 keeps them forever
  std::string quiet_hours = "21:00-08:00";  // local; holds back what the person did not schedule
  double checkin_interval = 1.0;  // seconds between the scheduler's passes over due reminders
  // Tests only: every reading of the daemon's clock is shifted by this many seconds,
  // so a process test can make a reminder due now. Logged at warn when set.
  double test_clock_offset = 0;
  net::NetLimits limits;
  std::vector<BotConfig> bots;
  OutboxConfig outbox;
  TelegramConfig telegram;

  // The secret file actually used ("" for an in-memory database: ephemeral secret).
  std::string effective_secret_file() const;
  // The VAPID key file actually used ("" for an in-memory database: an ephemeral key).
  std::string effective_vapid_key_file() const;
};

// The outcome of reading the command line: a config, or an exit code after
// help/version/error text was written to `out`/`err`.
struct ParseOutcome {
  std::optional<Config> config;
  int exit_code = 0;
};

// Reads flags, the --config YAML file and the environment (getenv).
ParseOutcome parse_config(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// "host:port", "[v6]:port" or ":port" (all interfaces). False when malformed.
bool parse_listen(const std::string& text, std::string& host, std::uint16_t& port);

}  // namespace backcoach::app
