#include "net/ws_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket/stream_base.hpp>
#include <utility>

#include "common/utf8.h"

namespace backcoach::net {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

namespace {

// A binary frame is never a protocol frame; say why as precisely as we can.
DecodeError binary_frame_error(std::string_view payload) {
  if (!is_valid_utf8(payload)) {
    return {ErrorCode::bad_utf8, std::nullopt, "frame is not UTF-8"};
  }
  return {ErrorCode::bad_type, std::nullopt, "binary frames are not accepted; send JSON text"};
}

std::optional<std::string> re_of(const Decoded& d) {
  if (const auto* say = std::get_if<SayFrame>(&d)) return say->id;
  if (const auto* err = std::get_if<DecodeError>(&d)) return err->re;
  return std::nullopt;
}

}  // namespace

WsSession::WsSession(boost::asio::ip::tcp::socket socket, ServerContext& ctx,
                     ConnectionLimiter::Ticket ticket)
    : ws_(std::move(socket)),
      ctx_(ctx),
      ticket_(std::move(ticket)),
      rate_(ctx.limits.rate_messages, ctx.limits.rate_window),
      idle_timer_(ws_.get_executor()) {}

WsSession::~WsSession() {
  if (user_) ctx_.service.detach(*user_);
  if (registry_id_ != 0) {
    ctx_.metrics.connections_open(true).add(-1);
    ctx_.sessions.remove(registry_id_);
  }
}

void WsSession::run(Request req) {
  websocket::stream_base::timeout timeout;
  timeout.handshake_timeout = ctx_.limits.handshake_timeout;
  // Beast pings a peer that has been quiet for half the idle timeout and drops it
  // when the other half passes without an answer.
  timeout.idle_timeout = ctx_.limits.ping_interval * 2;
  timeout.keep_alive_pings = true;
  ws_.set_option(timeout);
  websocket::permessage_deflate deflate;
  deflate.server_enable = false;  // compression state per connection grows memory
  deflate.client_enable = false;
  ws_.set_option(deflate);
  ws_.read_message_max(ctx_.limits.hard_message_bytes);
  ws_.auto_fragment(false);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "backcoachd"); }));
  ws_.async_accept(req, [self = shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
}

void WsSession::on_accept(beast::error_code ec) {
  if (ec) return;
  registry_id_ = ctx_.sessions.add(weak_from_this());
  ctx_.log.debug("ws_opened", {{"client", ticket_.address()}});
  ctx_.metrics.connections_accepted(true).inc();
  ctx_.metrics.connections_open(true).add(1);
  arm_idle_timer();
  do_read();
}

void WsSession::shutdown() {
  boost::asio::post(ws_.get_executor(), [self = shared_from_this()] {
    self->draining_ = true;
    if (self->registry_id_ == 0) return self->drop();  // still in the handshake
    self->maybe_close();
  });
}

void WsSession::abort() {
  boost::asio::post(ws_.get_executor(), [self = shared_from_this()] {
    self->draining_ = true;
    self->drop();
  });
}

void WsSession::push(const std::string& user_id, std::shared_ptr<const std::string> frame) {
  boost::asio::post(ws_.get_executor(), [self = shared_from_this(), user_id, frame] {
    if (self->user_ == user_id && !self->draining_) self->send(*frame);
  });
}

void WsSession::do_read() {
  ws_.async_read_some(
      buffer_, ctx_.limits.max_message_bytes,
      [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void WsSession::on_read(beast::error_code ec, std::size_t) {
  if (ec) {
    // Closed by the peer or by us, a timeout, or a protocol violation Beast
    // answered itself (1007 invalid UTF-8 in a text frame, 1009 over the hard cap).
    closing_ = true;
    idle_timer_.cancel();
    if (ec != websocket::error::closed && ec != boost::asio::error::operation_aborted) {
      ctx_.log.debug("ws_read_ended", {{"error", ec.message()}});
    }
    return;
  }
  if (oversize_ || buffer_.size() > ctx_.limits.max_message_bytes) {
    // Read the rest of the frame into nothing, then say it was too large.
    oversize_ = true;
    buffer_.clear();
    if (ws_.is_message_done()) {
      oversize_ = false;
      send_error(
          ErrorCode::too_large, std::nullopt,
          "frame is larger than " + std::to_string(ctx_.limits.max_message_bytes) + " bytes");
    }
    return do_read();
  }
  if (!ws_.is_message_done()) return do_read();
  on_frame();
  buffer_.clear();
  if (!closing_) do_read();
}

void WsSession::on_frame() {
  arm_idle_timer();
  const std::string_view payload(static_cast<const char*>(buffer_.data().data()), buffer_.size());
  Decoded decoded = ws_.got_text() ? decode_client_frame(payload, ctx_.limits.decode)
                                   : Decoded(binary_frame_error(payload));
  if (!rate_.allow(RateLimiter::Clock::now())) {
    return send_error(ErrorCode::rate_limited, re_of(decoded),
                      "too many frames; this one was dropped, wait a few seconds");
  }
  if (auto* err = std::get_if<DecodeError>(&decoded)) {
    return send_error(err->code, err->re, err->message);
  }
  if (draining_) {
    return send_error(ErrorCode::not_ready, re_of(decoded), "server is shutting down");
  }
  if (auto* hello = std::get_if<HelloFrame>(&decoded)) return on_hello(std::move(*hello));
  on_say(std::get<SayFrame>(std::move(decoded)));
}

void WsSession::on_hello(HelloFrame hello) {
  // Only a hello without a token creates a person; returning people are not counted.
  if (!hello.token && !ctx_.new_users.allow(ticket_.address(), NewUserLimiter::Clock::now())) {
    ctx_.log.warn("new_users_limited", {{"client", ticket_.address()}});
    return send_error(ErrorCode::rate_limited, std::nullopt,
                      "too many new conversations from your address; try again in a few minutes");
  }
  if (hello.tz) time_zone_ = *hello.tz;
  hello_pending_ = true;
  ++in_flight_;
  ctx_.service.hello(std::move(hello.token), [self = shared_from_this()](auto result) {
    boost::asio::post(self->ws_.get_executor(), [self, result = std::move(result)]() mutable {
      self->on_welcome(std::move(result));
    });
  });
}

void WsSession::on_welcome(service::ServiceResult<service::Welcome> result) {
  --in_flight_;
  hello_pending_ = false;
  if (result.has_error()) {
    send_error(error_code_for(result.error()), std::nullopt, message_for(result.error()));
  } else {
    const auto& welcome = *result;
    if (user_ != welcome.user_id) {
      if (user_) ctx_.service.detach(*user_);
      ctx_.service.attach(welcome.user_id);
      user_ = welcome.user_id;
      ctx_.sessions.set_user(registry_id_, welcome.user_id);
    }
    send(encode_welcome(welcome));
  }
  auto early = std::exchange(early_says_, {});
  for (auto& say : early) on_say(std::move(say));
  maybe_close();
}

void WsSession::on_say(SayFrame say) {
  if (!user_) {
    if (hello_pending_) return early_says_.push_back(std::move(say));
    return send_error(ErrorCode::missing_hello, say.id, "say hello first");
  }
  ++in_flight_;
  if (say.tz) time_zone_ = *say.tz;
  auto id = say.id;
  service::TurnRequest turn{*user_, "ws", service::TextInput{std::move(say.text)},
                            std::move(say.id)};
  turn.time_zone = time_zone_;
  ctx_.service.say(std::move(turn), [self = shared_from_this(), id = std::move(id)](auto result) {
    boost::asio::post(self->ws_.get_executor(), [self, id, result = std::move(result)]() mutable {
      self->on_reply(id, std::move(result));
    });
  });
}

void WsSession::on_reply(const std::string& id, service::ServiceResult<service::TurnReply> result) {
  --in_flight_;
  if (result.has_error()) {
    send_error(error_code_for(result.error()), id, message_for(result.error()));
  } else {
    send(encode_reply(id, *result));
  }
  maybe_close();
}

void WsSession::send_error(ErrorCode code, const std::optional<std::string>& re,
                           std::string_view message) {
  ctx_.metrics.errors(to_string(code)).inc();
  send(encode_error(code, re, message));
}

void WsSession::send(std::string frame) {
  if (closing_) return;
  if (queue_.size() >= ctx_.limits.send_queue_frames) {
    // The client does not read: holding more would let it pin our memory.
    ctx_.metrics.slow_clients_dropped().inc();
    ctx_.log.warn("ws_slow_client_dropped", {{"queued", queue_.size()}});
    return drop();
  }
  queue_.push_back(std::move(frame));
  if (!writing_) do_write();
}

void WsSession::do_write() {
  writing_ = true;
  ws_.text(true);
  ws_.async_write(
      boost::asio::buffer(queue_.front()),
      [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_write(ec, n); });
}

void WsSession::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec) return drop();
  queue_.pop_front();
  if (!queue_.empty() && !closing_) return do_write();
  maybe_close();
}

void WsSession::arm_idle_timer() {
  idle_timer_.expires_after(ctx_.limits.idle_timeout);
  idle_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
    if (ec) return;
    if (auto self = weak.lock()) {
      if (!self->closing_) self->do_close(websocket::close_code::normal, "idle");
    }
  });
}

void WsSession::maybe_close() {
  if (!draining_ || closing_ || in_flight_ > 0 || writing_ || !queue_.empty() ||
      !early_says_.empty()) {
    return;
  }
  do_close(websocket::close_code::going_away, "server shutting down");
}

void WsSession::do_close(websocket::close_code code, std::string_view reason) {
  closing_ = true;
  idle_timer_.cancel();
  ws_.async_close(websocket::close_reason(code, reason),
                  [self = shared_from_this()](beast::error_code) {});
}

void WsSession::drop() {
  closing_ = true;
  idle_timer_.cancel();
  beast::error_code ec;
  beast::get_lowest_layer(ws_).socket().close(ec);
}

}  // namespace backcoach::net
