#include "ws_load_client.h"

#include <boost/asio/error.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/error.hpp>
#include <utility>

namespace backcoach::bench {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

WsLoadClient::WsLoadClient(asio::io_context& ioc, Options options, RunStats& stats,
                           DoneHandler done)
    : LoadClient(ioc, std::move(options), stats, std::move(done)) {}

void WsLoadClient::start() { connect(); }

void WsLoadClient::stop() {
  retry_timer_.cancel();
  if (stream_) {
    error_code ignored;
    beast::get_lowest_layer(*stream_).socket().close(ignored);
  }
}

void WsLoadClient::connect() {
  if (stats_.stopping) return finish();
  phase_ = Phase::connecting;
  line_ = 0;
  buffer_.clear();
  stream_.emplace(ioc_);
  stream_->set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(30));
  beast::get_lowest_layer(*stream_).async_connect(
      options_.target.endpoint, [self = shared()](error_code ec) { self->on_connect(ec); });
}

void WsLoadClient::on_connect(error_code ec) {
  if (ec) return fail("connect", ec);
  auto& tcp = beast::get_lowest_layer(*stream_);
  tcp.socket().set_option(asio::ip::tcp::no_delay(true), ec);
  tcp.expires_never();  // the websocket timeouts take over from here
  stream_->async_handshake(options_.target.host, options_.target.path,
                           [self = shared()](error_code e) { self->on_handshake(e); });
}

void WsLoadClient::on_handshake(error_code ec) {
  if (ec) return fail("handshake", ec);
  stream_->text(true);
  phase_ = Phase::awaiting_welcome;
  write(nlohmann::json{{"type", "hello"}}.dump());
}

void WsLoadClient::write(std::string frame) {
  out_ = std::move(frame);
  stream_->async_write(asio::buffer(out_),
                       [self = shared()](error_code ec, std::size_t n) { self->on_write(ec, n); });
}

void WsLoadClient::on_write(error_code ec, std::size_t /*bytes*/) {
  if (ec) return fail("write", ec);
  read();
}

void WsLoadClient::read() {
  stream_->async_read(buffer_,
                      [self = shared()](error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void WsLoadClient::on_read(error_code ec, std::size_t /*bytes*/) {
  if (ec) return fail("read", ec);
  auto frame = nlohmann::json::parse(beast::buffers_to_string(buffer_.data()), nullptr, false);
  buffer_.consume(buffer_.size());
  if (frame.is_discarded() || !frame.is_object()) {
    stats_.count_error("bad_frame");
    return read();
  }
  on_frame(frame);
}

void WsLoadClient::on_frame(const nlohmann::json& frame) {
  if (phase_ == Phase::awaiting_welcome) return on_welcome(frame);
  if (phase_ == Phase::awaiting_reply) return on_answer(frame);
  read();  // idle: pushes and anything else are read and dropped
}

void WsLoadClient::on_welcome(const nlohmann::json& frame) {
  const auto type = frame.value("type", "");
  if (type == "error") {
    stats_.count_error(frame.value("code", "error"));
    return end_conversation();
  }
  if (type != "welcome") return read();  // e.g. a push before the welcome
  ++stats_.conversations;
  set_established(true);
  if (options_.mode == Mode::idle) {
    phase_ = Phase::idle;
    return read();
  }
  next_turn();
}

void WsLoadClient::on_answer(const nlohmann::json& frame) {
  const auto type = frame.value("type", "");
  const auto re = frame.find("re");
  const bool ours = re != frame.end() && re->is_string() && *re == pending_id_;
  if (!ours || (type != "reply" && type != "error")) return read();  // a push or a stale frame
  if (type == "error") stats_.count_error(frame.value("code", "error"));
  count_answer(type == "reply", sent_at_);
  next_turn();
}

void WsLoadClient::next_turn() {
  if (stats_.stopping) return end_conversation();
  if (!turns_left()) return end_conversation();
  if (line_ >= options_.script->size()) return end_conversation();
  send_say();
}

void WsLoadClient::send_say() {
  phase_ = Phase::awaiting_reply;
  pending_id_ = next_message_id();
  const auto& text = (*options_.script)[line_++];
  sent_at_ = std::chrono::steady_clock::now();
  write(nlohmann::json{{"type", "say"}, {"id", pending_id_}, {"text", text}}.dump());
}

void WsLoadClient::end_conversation() {
  phase_ = Phase::closing;
  stream_->async_close(websocket::close_code::normal,
                       [self = shared()](error_code ec) { self->on_close(ec); });
}

void WsLoadClient::on_close(error_code ec) {
  if (ec && ec != asio::error::operation_aborted && !stats_.stopping) stats_.count_error("close");
  if (stats_.stopping || !turns_left()) return finish();
  connect();
}

// Whatever the step, a broken connection is retried the same way (LoadClient::retry).
void WsLoadClient::fail(const char* what, error_code ec) {
  retry(what, ec == websocket::error::closed || ec == asio::error::eof ||
                  ec == asio::error::connection_reset);
}

void WsLoadClient::finish() {
  if (phase_ == Phase::done) return;
  phase_ = Phase::done;
  // Destroying the stream also cancels its websocket timeout timer, which would
  // otherwise keep the io_context busy for a handshake timeout after stop().
  stream_.reset();
  report_done();
}

}  // namespace backcoach::bench
