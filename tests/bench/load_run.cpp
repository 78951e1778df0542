#include "load_run.h"

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <utility>

namespace backcoach::bench {
namespace asio = boost::asio;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kRampTick = std::chrono::milliseconds(5);

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto secs = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

// This process's resident set in kB, from /proc (0 when unreadable).
long self_rss_kb() {
  std::ifstream status("/proc/self/status");
  for (std::string key; status >> key;) {
    if (key == "VmRSS:") {
      long kb = 0;
      status >> kb;
      return kb;
    }
  }
  return 0;
}

void print_line(const nlohmann::json& j) {
  std::printf("%s\n", j.dump().c_str());
  std::fflush(stdout);
}

}  // namespace

// Bot user ids start with the run's start time in milliseconds, so that a second
// run against the same daemon speaks for new people instead of replaying ids.
LoadRun::LoadRun(Options options)
    : options_(std::move(options)),
      run_id_(std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count())) {}

nlohmann::json LoadRun::run() {
  started_at_ = Clock::now();
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait([this](error_code ec, int) {
    if (!ec) end_run();
  });
  timeout_timer_.expires_after(options_.timeout);
  timeout_timer_.async_wait([this](error_code ec) {
    if (ec) return;
    timed_out_ = true;
    end_run();
  });
  if (options_.mode == LoadClient::Mode::closed_loop) {
    phase_timer_.expires_after(options_.warmup);
    phase_timer_.async_wait([this](error_code ec) {
      if (!ec) begin_measuring();
    });
  }
  launch_more();
  ioc_.run();
  return options_.mode == LoadClient::Mode::idle ? idle_summary() : summary();
}

// Starts clients while fewer than kMaxConnecting are waiting for their welcome,
// then keeps ticking until every client is established (idle mode reports then).
void LoadRun::launch_more() {
  if (stats_.stopping) return;
  const std::size_t settled = stats_.established + done_;
  std::size_t connecting = clients_.size() > settled ? clients_.size() - settled : 0;
  while (clients_.size() < options_.connections && connecting < kMaxConnecting) {
    LoadClient::Options client;
    client.target = options_.target;
    client.script = &options_.script;
    client.mode = options_.mode;
    client.max_turns = options_.turns_per_connection;
    client.index = clients_.size();
    client.bot_key = options_.bot_key;
    client.run_id = run_id_;
    auto c = make_load_client(ioc_, std::move(client), stats_, [this] { on_client_done(); });
    clients_.push_back(c);
    c->start();
    ++connecting;
  }
  if (stats_.established == options_.connections) return on_established_all();
  ramp_timer_.expires_after(kRampTick);
  ramp_timer_.async_wait([this](error_code ec) {
    if (!ec) launch_more();
  });
}

void LoadRun::on_established_all() {
  if (options_.mode != LoadClient::Mode::idle || reported_ready_) return;
  reported_ready_ = true;
  print_line(idle_summary());
  phase_timer_.expires_after(options_.duration);
  phase_timer_.async_wait([this](error_code ec) {
    if (!ec) end_run();
  });
}

void LoadRun::begin_measuring() {
  stats_.measuring = true;
  measure_from_ = Clock::now();
  stats_.latencies.clear();
  cpu_at_start_ = cpu_seconds();
  if (options_.turns_per_connection != 0) return;  // ends when the clients are done
  phase_timer_.expires_after(options_.duration);
  phase_timer_.async_wait([this](error_code ec) {
    if (!ec) end_run();
  });
}

void LoadRun::end_run() {
  if (stats_.stopping) return;
  if (stats_.measuring) {
    measure_to_ = Clock::now();
    cpu_used_ = cpu_seconds() - cpu_at_start_;
  }
  stats_.measuring = false;
  established_at_end_ = stats_.established;  // before stop() lets them go
  stats_.stopping = true;
  ramp_timer_.cancel();
  phase_timer_.cancel();
  timeout_timer_.cancel();
  signals_.cancel();
  for (auto& c : clients_) c->stop();
}

void LoadRun::on_client_done() {
  ++done_;
  if (done_ == options_.connections) end_run();
}

nlohmann::json LoadRun::summary() const {
  const double window =
      measure_to_ > measure_from_ ? seconds_between(measure_from_, measure_to_) : 0;
  const double rate = window > 0 ? static_cast<double>(stats_.turns) / window : 0;
  const bool bot = options_.target.api == LoadTarget::Api::bot;
  return {{"mode", "load"},
          {"api", bot ? "bot" : "websocket"},
          {"connections", options_.connections},
          {"measured_s", window},
          {"turns", stats_.turns},
          {"turns_per_s", static_cast<std::int64_t>(rate + 0.5)},
          {"latency_us", to_json(stats_.latencies.summarise())},
          {"conversations", stats_.conversations},
          {"errors", stats_.errors_json()},
          {"client_cpu_util", window > 0 ? cpu_used_ / window : 0},
          {"timed_out", timed_out_}};
}

nlohmann::json LoadRun::idle_summary() const {
  return {{"mode", "idle"},
          {"connections", options_.connections},
          {"established", stats_.stopping ? established_at_end_ : stats_.established},
          {"ramp_s", seconds_between(started_at_, Clock::now())},
          {"client_rss_kb", self_rss_kb()},
          {"errors", stats_.errors_json()},
          {"timed_out", timed_out_}};
}

}  // namespace backcoach::bench
