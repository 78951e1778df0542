#include "load_client.h"

#include <utility>

#include "bot_load_client.h"
#include "ws_load_client.h"

namespace backcoach::bench {
namespace {
constexpr auto kRetryDelay = std::chrono::milliseconds(100);
}  // namespace

LoadClient::LoadClient(boost::asio::io_context& ioc, Options options, RunStats& stats,
                       DoneHandler done)
    : ioc_(ioc),
      options_(std::move(options)),
      stats_(stats),
      retry_timer_(ioc),
      done_(std::move(done)) {}

void LoadClient::retry(const char* what, bool peer_closed) {
  if (stats_.stopping || done()) return finish();
  stats_.count_error(peer_closed ? std::string("closed_by_server") : std::string(what));
  set_established(false);
  retry_timer_.expires_after(kRetryDelay);
  retry_timer_.async_wait([self = shared_from_this()](boost::system::error_code e) {
    if (e) return self->finish();
    self->connect();
  });
}

void LoadClient::set_established(bool yes) {
  if (yes == established_) return;
  established_ = yes;
  if (yes) {
    ++stats_.established;
  } else {
    --stats_.established;
  }
}

std::string LoadClient::next_message_id() {
  return std::to_string(options_.index) + "." + std::to_string(++seq_);
}

void LoadClient::count_answer(bool ok, std::chrono::steady_clock::time_point sent_at) {
  ++answers_;
  if (!ok || !stats_.measuring) return;
  ++stats_.turns;
  stats_.latencies.record(std::chrono::steady_clock::now() - sent_at);
}

void LoadClient::report_done() {
  if (reported_) return;
  reported_ = true;
  set_established(false);
  if (done_) std::exchange(done_, nullptr)();
}

std::shared_ptr<LoadClient> make_load_client(boost::asio::io_context& ioc,
                                             LoadClient::Options options, RunStats& stats,
                                             LoadClient::DoneHandler done) {
  if (options.target.api == LoadTarget::Api::bot) {
    return std::make_shared<BotLoadClient>(ioc, std::move(options), stats, std::move(done));
  }
  return std::make_shared<WsLoadClient>(ioc, std::move(options), stats, std::move(done));
}

}  // namespace backcoach::bench
