// backcoach_loadgen: a closed-loop load generator speaking protocol v1 over
// WebSocket (a ws:// URL) or the signed bot API (an http:// URL and the bot's
// secret file). Prints one line of JSON with turns/s, latency percentiles and errors. See
// docs/benchmarks.md for how tests/bench/run_load.sh uses it.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "chat_script.h"
#include "load_run.h"
#include "load_target.h"
#include "service/token_signer.h"

namespace {

constexpr std::size_t kMaxConnections = 20000;
constexpr double kMaxSeconds = 3600;

// Thousands of sockets need more descriptors than the usual soft limit of 1024.
void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

}  // namespace

int main(int argc, char** argv) {
  using backcoach::bench::LoadClient;
  using backcoach::bench::LoadRun;

  CLI::App app{"backcoach_loadgen: closed-loop load for backcoachd (loopback only)"};
  std::string url;
  std::string bot_secret_file;
  std::string script_path = BACKCOACH_BENCH_SCRIPT;
  std::size_t connections = 1;
  std::size_t idle = 0;
  double duration = 10;
  double warmup = 1;
  double timeout = 0;
  std::uint64_t turns = 0;
  app.add_option("--url", url,
                 "ws://127.0.0.1:PORT/v1/chat, or http://127.0.0.1:PORT/v1/bots/ID/messages for "
                 "the bot API (loopback hosts only)")
      ->required();
  app.add_option("--bot-secret-file", bot_secret_file,
                 "bot API: the bot's secret file (64 hex digits, as the daemon reads it)")
      ->check(CLI::ExistingFile);
  app.add_option("--connections,-c", connections, "concurrent closed-loop connections")
      ->check(CLI::Range(std::size_t{1}, kMaxConnections));
  auto* duration_opt =
      app.add_option("--duration,-d", duration, "seconds measured (idle: seconds held)")
          ->check(CLI::Range(0.1, kMaxSeconds));
  app.add_option("--turns", turns, "turns per connection instead of a duration")
      ->excludes(duration_opt);
  app.add_option("--warmup", warmup, "seconds run before measuring")
      ->check(CLI::Range(0.0, kMaxSeconds));
  app.add_option("--script", script_path, "one user message per line")->check(CLI::ExistingFile);
  app.add_option("--idle", idle, "open N connections, say hello, hold them for --duration")
      ->check(CLI::Range(std::size_t{1}, kMaxConnections));
  app.add_option("--timeout", timeout, "hard cap on the whole run in seconds")
      ->check(CLI::Range(1.0, kMaxSeconds));
  CLI11_PARSE(app, argc, argv);

  auto target = backcoach::bench::parse_target(url);
  if (!target) {
    std::fprintf(stderr, "loadgen: --url must be ws:// or http://<loopback>:PORT/PATH (%s)\n",
                 target.error().message().c_str());
    return 2;
  }
  const bool bot = target->api == backcoach::bench::LoadTarget::Api::bot;
  if (bot && (bot_secret_file.empty() || idle != 0)) {
    std::fprintf(stderr, "loadgen: an http:// URL needs --bot-secret-file and cannot --idle\n");
    return 2;
  }
  std::string bot_key;
  if (bot) {
    auto key = backcoach::service::load_secret(bot_secret_file);
    if (!key) {
      std::fprintf(stderr, "loadgen: cannot use bot secret %s: %s\n", bot_secret_file.c_str(),
                   key.error().message().c_str());
      return 2;
    }
    bot_key = std::move(*key);
  }
  auto script = backcoach::bench::load_script(script_path);
  if (!script) {
    std::fprintf(stderr, "loadgen: cannot use script %s: %s\n", script_path.c_str(),
                 script.error().message().c_str());
    return 2;
  }
  raise_fd_limit();

  LoadRun::Options options;
  options.target = *target;
  options.script = std::move(*script);
  options.mode = idle != 0 ? LoadClient::Mode::idle : LoadClient::Mode::closed_loop;
  options.connections = idle != 0 ? idle : connections;
  options.warmup = to_ms(warmup);
  options.duration = to_ms(duration);
  options.turns_per_connection = turns;
  options.timeout = to_ms(timeout > 0 ? timeout : warmup + duration + 120);
  options.bot_key = std::move(bot_key);
  LoadRun run(std::move(options));
  const auto result = run.run();
  std::printf("%s\n", result.dump().c_str());
  return result.value("timed_out", false) ? 1 : 0;
}
