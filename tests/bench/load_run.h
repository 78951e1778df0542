#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "load_client.h"
#include "load_target.h"
#include "run_stats.h"

namespace backcoach::bench {

// One bounded run of the load generator: starts the clients, times the warm-up
// and the measurement window, stops everything and summarises it as JSON.
//
// Load mode: `connections` closed-loop clients (WebSocket or bot API, as the
// target says) for `duration` after `warmup`, or
// until each did `turns_per_connection` turns. Idle mode: `connections` clients
// say hello and hold their connection for `duration`; one JSON line is printed
// as soon as all are established (or `timeout` passed), another at the end
// (WebSocket targets only).
// Never more than kMaxConnecting clients are between connect and welcome, so a
// ramp of thousands does not overflow the server's accept backlog.
//
// Thread: run() drives one io_context on the calling thread.
class LoadRun {
 public:
  struct Options {
    LoadTarget target;
    std::vector<std::string> script;
    LoadClient::Mode mode = LoadClient::Mode::closed_loop;
    std::size_t connections = 1;
    std::chrono::milliseconds warmup{1000};
    std::chrono::milliseconds duration{10000};
    std::uint64_t turns_per_connection = 0;     // 0: run for `duration`
    std::chrono::milliseconds timeout{300000};  // hard cap on the whole run
    std::string bot_key;                        // bot API targets: the bot's raw key
  };
  static constexpr std::size_t kMaxConnecting = 256;

  explicit LoadRun(Options options);

  // Runs to the end and returns the summary (also printed by the caller).
  nlohmann::json run();

 private:
  void launch_more();
  void begin_measuring();
  void end_run();
  void on_client_done();
  void on_established_all();
  nlohmann::json summary() const;
  nlohmann::json idle_summary() const;

  Options options_;
  boost::asio::io_context ioc_{1};
  boost::asio::signal_set signals_{ioc_};
  boost::asio::steady_timer ramp_timer_{ioc_};
  boost::asio::steady_timer phase_timer_{ioc_};
  boost::asio::steady_timer timeout_timer_{ioc_};
  RunStats stats_;
  std::string run_id_;  // this run's prefix of bot user ids
  std::vector<std::shared_ptr<LoadClient>> clients_;
  std::size_t done_ = 0;
  bool timed_out_ = false;
  std::uint64_t established_at_end_ = 0;
  bool reported_ready_ = false;
  std::chrono::steady_clock::time_point started_at_, measure_from_, measure_to_;
  double cpu_at_start_ = 0;
  double cpu_used_ = 0;  // this process's CPU seconds during the measurement
};

}  // namespace backcoach::bench
