#include "crash_safety_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/buffers_to_string.hpp>

namespace backcoach::e2e {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

namespace {
constexpr auto kRetryDelay = std::chrono::milliseconds(20);
}  // namespace

void ReplyCounter::add() {
  {
    std::lock_guard lock(mutex_);
    ++value_;
  }
  changed_.notify_all();
}

std::uint64_t ReplyCounter::value() const {
  std::lock_guard lock(mutex_);
  return value_;
}

bool ReplyCounter::wait_for(std::uint64_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return value_ >= n; });
}

ResumingClient::ResumingClient(asio::io_context& ioc, const std::atomic<unsigned short>& port,
                               const std::vector<std::string>& script, std::string id_prefix,
                               ReplyCounter& replies)
    : ioc_(ioc),
      port_(port),
      script_(script),
      id_prefix_(std::move(id_prefix)),
      replies_(replies),
      timer_(ioc) {}

void ResumingClient::start() { connect(); }

void ResumingClient::stop() {
  stopped_ = true;
  timer_.cancel();
  stream_.reset();  // aborts whatever is pending on it
}

void ResumingClient::connect() {
  if (stopped_) return;
  const auto port = port_.load();
  if (port == 0) {  // the daemon is down: look again shortly
    timer_.expires_after(kRetryDelay);
    return timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->connect();
    });
  }
  ++generation_;
  welcomed_ = false;
  buffer_.clear();
  stream_.emplace(ioc_);
  const asio::ip::tcp::endpoint endpoint{asio::ip::make_address("127.0.0.1"), port};
  beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(5));
  beast::get_lowest_layer(*stream_).async_connect(endpoint, [self = shared_from_this(), port,
                                                             gen = generation_](error_code ec) {
    if (gen != self->generation_) return;
    if (ec) return self->retry(kRetryDelay);
    beast::get_lowest_layer(*self->stream_).expires_never();
    self->stream_->set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    self->stream_->async_handshake("127.0.0.1:" + std::to_string(port), "/v1/chat",
                                   [self, gen](error_code e) {
                                     if (gen == self->generation_) self->on_handshake(e);
                                   });
  });
}

void ResumingClient::on_handshake(error_code ec) {
  if (ec) return retry(kRetryDelay);
  nlohmann::json hello{{"type", "hello"}};
  if (!token_.empty()) hello["token"] = token_;
  send(hello.dump());
  read();
}

void ResumingClient::send(std::string frame) {
  out_ = std::move(frame);
  stream_->async_write(asio::buffer(out_),
                       [self = shared_from_this(), gen = generation_](error_code ec, std::size_t) {
                         if (ec && gen == self->generation_) self->retry(kRetryDelay);
                       });
}

void ResumingClient::read() {
  stream_->async_read(
      buffer_, [self = shared_from_this(), gen = generation_](error_code ec, std::size_t) {
        if (gen != self->generation_) return;
        if (ec) return self->retry(kRetryDelay);
        auto frame =
            nlohmann::json::parse(beast::buffers_to_string(self->buffer_.data()), nullptr, false);
        self->buffer_.consume(self->buffer_.size());
        self->on_frame(frame);
      });
}

void ResumingClient::on_frame(const nlohmann::json& frame) {
  const auto type = frame.is_object() ? frame.value("type", "") : std::string();
  if (!welcomed_) {
    if (type == "welcome") {
      on_welcome(frame);
    } else if (type == "error") {
      ++error_codes_[frame.value("code", "")];
    }
    return read();
  }
  const auto re = frame.find("re");
  const bool ours = pending_ && re != frame.end() && re->is_string() && *re == pending_->id;
  if (ours && type == "reply") {
    acked_.push_back(std::move(*pending_));
    pending_.reset();
    replies_.add();
    send_say();
  } else if (ours && type == "error") {
    ++error_codes_[frame.value("code", "")];
    // not_ready or internal while the daemon settles: say it again, same id.
    timer_.expires_after(kRetryDelay);
    timer_.async_wait([self = shared_from_this(), gen = generation_](error_code ec) {
      if (!ec && gen == self->generation_ && self->pending_) self->send_say();
    });
  }
  read();
}

void ResumingClient::on_welcome(const nlohmann::json& frame) {
  welcomed_ = true;
  token_ = frame.value("token", token_);
  user_ = frame.value("user", user_);
  send_say();
}

// Says the pending message again (a resend) or the script's next line.
void ResumingClient::send_say() {
  if (pending_) {
    ++resends_;
  } else {
    pending_ = Said{id_prefix_ + "-" + std::to_string(++seq_), script_[next_line_]};
    next_line_ = (next_line_ + 1) % script_.size();
  }
  send(nlohmann::json{{"type", "say"}, {"id", pending_->id}, {"text", pending_->text}}.dump());
}

// Starts over on a new connection after `delay`. Handlers of an older
// connection (their generation is past) never get here, so a connection whose
// read and write both fail leads to one reconnect.
void ResumingClient::retry(std::chrono::milliseconds delay) {
  if (stopped_) return;
  ++generation_;
  ++reconnects_;
  stream_.reset();
  timer_.expires_after(delay);
  timer_.async_wait([self = shared_from_this()](error_code ec) {
    if (!ec) self->connect();
  });
}

}  // namespace backcoach::e2e
