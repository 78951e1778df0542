#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "load_client.h"
#include "run_stats.h"

namespace backcoach::bench {

// One simulated person on one WebSocket connection speaking protocol v1.
//
// Closed loop: hello, wait for the welcome, then say -> wait for the reply whose
// `re` is that say's id -> next line of the script, never more than one say in
// flight. When the script ends, so does the conversation: the client closes the
// connection and starts a new conversation on a fresh connection with a hello
// without a token (a new user), so every conversation runs the script from its
// first line. A broken connection also starts a new conversation, after 100 ms.
// Idle mode: hello, then only read (so pings are answered) until stopped.
//
// Lifetime and thread: as LoadClient says.
class WsLoadClient : public LoadClient {
 public:
  WsLoadClient(boost::asio::io_context& ioc, Options options, RunStats& stats, DoneHandler done);

  void start() override;
  void stop() override;

 private:
  using Stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;
  enum class Phase { connecting, awaiting_welcome, awaiting_reply, idle, closing, done };

  void connect() override;
  void on_connect(boost::system::error_code ec);
  void on_handshake(boost::system::error_code ec);
  void write(std::string frame);
  void on_write(boost::system::error_code ec, std::size_t bytes);
  void read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void on_frame(const nlohmann::json& frame);
  void on_welcome(const nlohmann::json& frame);
  void on_answer(const nlohmann::json& frame);
  void next_turn();
  void send_say();
  void end_conversation();
  void on_close(boost::system::error_code ec);
  void fail(const char* what, boost::system::error_code ec);
  void finish() override;
  std::shared_ptr<WsLoadClient> shared() {
    return std::static_pointer_cast<WsLoadClient>(shared_from_this());
  }

  std::optional<Stream> stream_;
  boost::beast::flat_buffer buffer_;
  std::string out_;  // the frame being written; alive until on_write
  Phase phase_ = Phase::connecting;
  std::size_t line_ = 0;  // next script line to say
  std::string pending_id_;
  std::chrono::steady_clock::time_point sent_at_;
};

}  // namespace backcoach::bench
