#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "bot_request.h"
#include "load_client.h"
#include "run_stats.h"

namespace backcoach::bench {

// One simulated bot user speaking the signed bot API over one keep-alive HTTP/1.1
// connection, as a bot forwarding its people's messages would.
//
// Closed loop: POST a line of the script (a new message id every turn) -> wait
// for the answer -> next line, never more than one request in flight. A 200
// whose body holds `replies` is a turn; any other status, or a 200 marked
// `duplicate`, is counted as an error (by status) and the script goes on. When
// the script ends the next turn starts a new conversation under a new `user`
// on the same connection. A broken connection is counted, and after 100 ms
// the client reconnects and resends the unanswered request (the same id, as
// docs/bots.md tells a bot to). A connection the server closes after an answer
// is reopened without counting an error. `established` counts open connections.
//
// Lifetime and thread: as LoadClient says.
class BotLoadClient : public LoadClient {
 public:
  BotLoadClient(boost::asio::io_context& ioc, Options options, RunStats& stats, DoneHandler done);

  void start() override;
  void stop() override;

 private:
  void connect() override;
  void on_connect(boost::system::error_code ec);
  void next_turn();
  void send_request();
  void on_write(boost::system::error_code ec, std::size_t bytes);
  void on_read(boost::system::error_code ec, std::size_t bytes);
  bool answer_ok();  // counts the error when it is not
  void fail(const char* what, boost::system::error_code ec);
  void finish() override;
  std::shared_ptr<BotLoadClient> shared() {
    return std::static_pointer_cast<BotLoadClient>(shared_from_this());
  }

  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  BotRequest request_;  // the turn in flight; resent as is after a broken connection
  boost::beast::http::response<boost::beast::http::string_body> response_;
  bool unanswered_ = false;  // request_ was sent and its answer not read
  std::size_t line_ = 0;     // next script line to say
  std::uint64_t conversation_ = 0;
  std::chrono::steady_clock::time_point sent_at_;
};

}  // namespace backcoach::bench
