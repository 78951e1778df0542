#include "load_client.h"

#include <boost/asio/error.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/error.hpp>
#include <utility>

namespace backcoach::bench {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

namespace {
constexpr auto kRetryDelay = std::chrono::milliseconds(100);
}  // namespace

LoadClient::LoadClient(asio::io_context& ioc, Options options, RunStats& stats, DoneHandler done)
    : ioc_(ioc),
      options_(std::move(options)),
      stats_(stats),
      done_(std::move(done)),
      retry_timer_(ioc) {}

void LoadClient::start() { connect(); }

void LoadClient::stop() {
  retry_timer_.cancel();
  if (stream_) {
    error_code ignored;
    beast::get_lowest_layer(*stream_).socket().close(ignored);
  }
}

void LoadClient::connect() {
  if (stats_.stopping) return finish();
  phase_ = Phase::connecting;
  line_ = 0;
  buffer_.clear();
  stream_.emplace(ioc_);
  stream_->set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(30));
  beast::get_lowest_layer(*stream_).async_connect(
      options_.target.endpoint,
      [self = shared_from_this()](error_code ec) { self->on_connect(ec); });
}

void LoadClient::on_connect(error_code ec) {
  if (ec) return fail("connect", ec);
  auto& tcp = beast::get_lowest_layer(*stream_);
  tcp.socket().set_option(asio::ip::tcp::no_delay(true), ec);
  tcp.expires_never();  // the websocket timeouts take over from here
  stream_->async_handshake(options_.target.host, options_.target.path,
                           [self = shared_from_this()](error_code e) { self->on_handshake(e); });
}

void LoadClient::on_handshake(error_code ec) {
  if (ec) return fail("handshake", ec);
  stream_->text(true);
  phase_ = Phase::awaiting_welcome;
  write(nlohmann::json{{"type", "hello"}}.dump());
}

void LoadClient::write(std::string frame) {
  out_ = std::move(frame);
  stream_->async_write(
      asio::buffer(out_),
      [self = shared_from_this()](error_code ec, std::size_t n) { self->on_write(ec, n); });
}

void LoadClient::on_write(error_code ec, std::size_t /*bytes*/) {
  if (ec) return fail("write", ec);
  read();
}

void LoadClient::read() {
  stream_->async_read(
      buffer_, [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void LoadClient::on_read(error_code ec, std::size_t /*bytes*/) {
  if (ec) return fail("read", ec);
  auto frame = nlohmann::json::parse(beast::buffers_to_string(buffer_.data()), nullptr, false);
  buffer_.consume(buffer_.size());
  if (frame.is_discarded() || !frame.is_object()) {
    stats_.count_error("bad_frame");
    return read();
  }
  on_frame(frame);
}

void LoadClient::on_frame(const nlohmann::json& frame) {
  if (phase_ == Phase::awaiting_welcome) return on_welcome(frame);
  if (phase_ == Phase::awaiting_reply) return on_answer(frame);
  read();  // idle: pushes and anything else are read and dropped
}

void LoadClient::on_welcome(const nlohmann::json& frame) {
  const auto type = frame.value("type", "");
  if (type == "error") {
    stats_.count_error(frame.value("code", "error"));
    return end_conversation();
  }
  if (type != "welcome") return read();  // e.g. a push before the welcome
  ++stats_.conversations;
  if (!welcomed_) {
    welcomed_ = true;
    ++stats_.established;
  }
  if (options_.mode == Mode::idle) {
    phase_ = Phase::idle;
    return read();
  }
  next_turn();
}

void LoadClient::on_answer(const nlohmann::json& frame) {
  const auto type = frame.value("type", "");
  const auto re = frame.find("re");
  const bool ours = re != frame.end() && re->is_string() && *re == pending_id_;
  if (!ours || (type != "reply" && type != "error")) return read();  // a push or a stale frame
  if (type == "error") {
    stats_.count_error(frame.value("code", "error"));
  } else if (stats_.measuring) {
    ++stats_.turns;
    stats_.latencies.record(std::chrono::steady_clock::now() - sent_at_);
  }
  ++turns_done_;
  next_turn();
}

void LoadClient::next_turn() {
  if (stats_.stopping) return end_conversation();
  if (options_.max_turns != 0 && turns_done_ >= options_.max_turns) return end_conversation();
  if (line_ >= options_.script->size()) return end_conversation();
  send_say();
}

void LoadClient::send_say() {
  phase_ = Phase::awaiting_reply;
  pending_id_ = std::to_string(options_.index) + "." + std::to_string(++seq_);
  const auto& text = (*options_.script)[line_++];
  sent_at_ = std::chrono::steady_clock::now();
  write(nlohmann::json{{"type", "say"}, {"id", pending_id_}, {"text", text}}.dump());
}

void LoadClient::end_conversation() {
  phase_ = Phase::closing;
  stream_->async_close(websocket::close_code::normal,
                       [self = shared_from_this()](error_code ec) { self->on_close(ec); });
}

void LoadClient::on_close(error_code ec) {
  if (ec && ec != asio::error::operation_aborted && !stats_.stopping) stats_.count_error("close");
  const bool more = options_.max_turns == 0 || turns_done_ < options_.max_turns;
  if (stats_.stopping || !more) return finish();
  connect();
}

// A failure during the run is counted and the client starts over on a new
// connection; after stop() it only ends the client.
void LoadClient::fail(const char* what, error_code ec) {
  if (stats_.stopping || phase_ == Phase::done) return finish();
  const bool peer_closed = ec == websocket::error::closed || ec == asio::error::eof ||
                           ec == asio::error::connection_reset;
  stats_.count_error(peer_closed ? std::string("closed_by_server") : std::string(what));
  if (welcomed_) {
    welcomed_ = false;
    --stats_.established;
  }
  phase_ = Phase::connecting;
  retry_timer_.expires_after(kRetryDelay);
  retry_timer_.async_wait([self = shared_from_this()](error_code e) {
    if (e) return self->finish();
    self->connect();
  });
}

void LoadClient::finish() {
  if (phase_ == Phase::done) return;
  phase_ = Phase::done;
  // Destroying the stream also cancels its websocket timeout timer, which would
  // otherwise keep the io_context busy for a handshake timeout after stop().
  stream_.reset();
  if (welcomed_) {
    welcomed_ = false;
    --stats_.established;
  }
  if (done_) std::exchange(done_, nullptr)();
}

}  // namespace backcoach::bench
