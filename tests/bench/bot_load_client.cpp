#include "bot_load_client.h"

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>
#include <utility>

namespace backcoach::bench {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

namespace {

constexpr auto kRequestTimeout = std::chrono::seconds(30);

std::int64_t unix_now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count();
}

}  // namespace

BotLoadClient::BotLoadClient(asio::io_context& ioc, Options options, RunStats& stats,
                             DoneHandler done)
    : LoadClient(ioc, std::move(options), stats, std::move(done)) {}

void BotLoadClient::start() { connect(); }

void BotLoadClient::stop() {
  retry_timer_.cancel();
  if (stream_) {
    error_code ignored;
    stream_->socket().close(ignored);
  }
}

void BotLoadClient::connect() {
  if (stats_.stopping) return finish();
  buffer_.clear();
  stream_.emplace(ioc_);
  stream_->expires_after(kRequestTimeout);
  stream_->async_connect(options_.target.endpoint,
                         [self = shared()](error_code ec) { self->on_connect(ec); });
}

void BotLoadClient::on_connect(error_code ec) {
  if (ec) return fail("connect", ec);
  stream_->socket().set_option(asio::ip::tcp::no_delay(true), ec);
  set_established(true);
  if (unanswered_) return send_request();
  next_turn();
}

void BotLoadClient::next_turn() {
  if (stats_.stopping) return finish();
  if (!turns_left()) return finish();
  if (line_ >= options_.script->size()) line_ = 0;
  if (line_ == 0) {
    ++conversation_;
    ++stats_.conversations;
  }
  const std::string user =
      options_.run_id + "-" + std::to_string(options_.index) + "-" + std::to_string(conversation_);
  const std::string id = next_message_id();
  request_ = make_bot_request(options_.target, options_.bot_key,
                              {user, id, (*options_.script)[line_++]}, unix_now());
  send_request();
}

void BotLoadClient::send_request() {
  unanswered_ = true;
  sent_at_ = std::chrono::steady_clock::now();
  stream_->expires_after(kRequestTimeout);
  http::async_write(*stream_, request_,
                    [self = shared()](error_code ec, std::size_t n) { self->on_write(ec, n); });
}

void BotLoadClient::on_write(error_code ec, std::size_t /*bytes*/) {
  if (ec) return fail("write", ec);
  response_ = {};
  http::async_read(*stream_, buffer_, response_,
                   [self = shared()](error_code e, std::size_t n) { self->on_read(e, n); });
}

void BotLoadClient::on_read(error_code ec, std::size_t /*bytes*/) {
  if (ec) return fail("read", ec);
  unanswered_ = false;
  count_answer(answer_ok(), sent_at_);
  if (response_.keep_alive()) return next_turn();
  set_established(false);  // the server closed the connection: open another
  connect();
}

// A 200 whose body holds the replies, as a bot would relay them.
bool BotLoadClient::answer_ok() {
  std::string error;
  if (response_.result() != http::status::ok) {
    error = "http_" + std::to_string(response_.result_int());
  } else {
    const auto body = nlohmann::json::parse(response_.body(), nullptr, false);
    if (!body.is_object() || !body.contains("replies")) {
      error = "bad_answer";
    } else if (body.value("duplicate", false)) {
      error = "duplicate";  // an id said twice: the daemon answered from its store
    }
  }
  if (!error.empty()) stats_.count_error(error);
  return error.empty();
}

// Whatever the step, a broken connection is retried the same way (LoadClient::retry).
void BotLoadClient::fail(const char* what, error_code ec) {
  retry(what, ec == http::error::end_of_stream || ec == asio::error::eof ||
                  ec == asio::error::connection_reset);
}

void BotLoadClient::finish() {
  if (done()) return;
  stream_.reset();
  report_done();
}

}  // namespace backcoach::bench
