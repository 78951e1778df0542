#include "floor_session.h"

#include <boost/beast/core/buffers_to_string.hpp>
#include <utility>

namespace backcoach::bench {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

namespace {

constexpr std::size_t kMaxMessage = 16 * 1024;

// A reply about as large as a typical daemon reply: one message with quick replies.
nlohmann::json fixed_reply() {
  return {
      {"type", "reply"},
      {"re", nullptr},
      {"messages",
       {{{"text", "Thanks for telling me. On a scale from 0 to 10, how bad is the pain right now?"},
         {"quick_replies", {"0-3", "4-6", "7-10"}}}}},
      {"tier", nullptr},
      {"flags", nlohmann::json::array()},
      {"exercises", nlohmann::json::array()}};
}

}  // namespace

FloorSession::FloorSession(asio::ip::tcp::socket socket) : ws_(std::move(socket)) {}

void FloorSession::start() {
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.read_message_max(kMaxMessage);
  ws_.async_accept([self = shared_from_this()](error_code ec) { self->on_accept(ec); });
}

void FloorSession::on_accept(error_code ec) {
  if (ec) return;
  ws_.text(true);
  read();
}

void FloorSession::read() {
  ws_.async_read(
      buffer_, [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void FloorSession::on_read(error_code ec, std::size_t /*bytes*/) {
  if (ec) return;  // closed by the client, or a protocol error: the session ends
  const auto frame =
      nlohmann::json::parse(beast::buffers_to_string(buffer_.data()), nullptr, false);
  buffer_.consume(buffer_.size());
  out_ = answer(frame);
  ws_.async_write(asio::buffer(out_), [self = shared_from_this()](error_code e, std::size_t n) {
    self->on_write(e, n);
  });
}

void FloorSession::on_write(error_code ec, std::size_t /*bytes*/) {
  if (ec) return;
  read();
}

std::string FloorSession::answer(const nlohmann::json& frame) const {
  const auto type = frame.is_object() ? frame.value("type", "") : std::string();
  if (type == "hello") {
    return nlohmann::json{{"type", "welcome"}, {"user", "floor"},
                          {"token", "floor"},  {"resumed", false},
                          {"tier", nullptr},   {"history", nlohmann::json::array()}}
        .dump();
  }
  if (type == "say" && frame.contains("id")) {
    auto reply = fixed_reply();
    reply["re"] = frame["id"];
    return reply.dump();
  }
  return nlohmann::json{{"type", "error"},
                        {"re", nullptr},
                        {"code", "bad_type"},
                        {"message", "floor server answers hello and say only"}}
      .dump();
}

}  // namespace backcoach::bench
