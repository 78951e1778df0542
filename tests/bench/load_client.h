#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "load_target.h"
#include "run_stats.h"

namespace backcoach::bench {

// One simulated person of a load run, closed loop: says a line of the script,
// waits for its answer, says the next, never more than one line in flight; when
// the script ends a new conversation (a new user) starts from its first line.
// make_load_client picks the implementation the target's API asks for:
// WsLoadClient (protocol v1 over WebSocket) or BotLoadClient (the signed bot API).
// This base keeps what both count: connections established, message ids, turns.
//
// Lifetime: held by shared_ptr; pending operations keep it alive. Thread: all of
// it runs on the io_context's one thread, together with the RunStats it reports to.
class LoadClient : public std::enable_shared_from_this<LoadClient> {
 public:
  enum class Mode { closed_loop, idle };  // idle: WebSocket only
  struct Options {
    LoadTarget target;
    const std::vector<std::string>* script = nullptr;  // must outlive the client
    Mode mode = Mode::closed_loop;
    std::uint64_t max_turns = 0;  // stop after this many answers; 0: until stop()
    std::size_t index = 0;        // makes message ids unique across clients
    std::string bot_key;          // bot API: the bot's key (raw bytes, not hex)
    std::string run_id;           // bot API: makes user ids unique across runs
  };
  using DoneHandler = std::function<void()>;  // runs once, when the client has stopped

  virtual ~LoadClient() = default;

  virtual void start() = 0;
  // Drops the connection at once; the done handler runs when pending operations end.
  virtual void stop() = 0;

 protected:
  LoadClient(boost::asio::io_context& ioc, Options options, RunStats& stats, DoneHandler done);

  // The steps of the protocol that retry() drives.
  virtual void connect() = 0;  // a new connection, then on with the script
  virtual void finish() = 0;   // drops the connection and calls report_done(); idempotent

  // A failure during the run: counted (as closed_by_server when the server closed the
  // connection, else as `what`), the client stops counting as established and connects
  // again after a short delay. After stop(), or once done, it only finishes the client.
  void retry(const char* what, bool peer_closed);

  // Counts this client in stats_.established while `yes` (idempotent).
  void set_established(bool yes);
  // "<index>.<n>", n counting from 1: unique across the clients of a run.
  std::string next_message_id();
  // The answer to the turn sent at `sent_at` arrived; a turn (with its latency)
  // when `ok` and measuring. Both count towards max_turns.
  void count_answer(bool ok, std::chrono::steady_clock::time_point sent_at);
  bool turns_left() const { return options_.max_turns == 0 || answers_ < options_.max_turns; }
  // Uncounts the client and runs the done handler; once, later calls do nothing.
  void report_done();
  bool done() const { return reported_; }

  boost::asio::io_context& ioc_;
  Options options_;
  RunStats& stats_;
  boost::asio::steady_timer retry_timer_;

 private:
  DoneHandler done_;
  bool reported_ = false;
  bool established_ = false;
  std::uint64_t seq_ = 0;
  std::uint64_t answers_ = 0;
};

std::shared_ptr<LoadClient> make_load_client(boost::asio::io_context& ioc,
                                             LoadClient::Options options, RunStats& stats,
                                             LoadClient::DoneHandler done);

}  // namespace backcoach::bench
