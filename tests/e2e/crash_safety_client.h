#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace backcoach::e2e {

// Replies received by all clients together, so a test can wait for progress.
// Thread-safe.
class ReplyCounter {
 public:
  void add();
  std::uint64_t value() const;
  // Waits until at least `n` replies were counted; false when `timeout` passed first.
  bool wait_for(std::uint64_t n, std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::uint64_t value_ = 0;
};

// One person chatting with a daemon that keeps being killed, the way the widget
// behaves: hello (with its token once it has one), then say -> wait for the
// reply, one say in flight. When the connection breaks it reconnects to
// whatever port the daemon listens on now and resends the unacknowledged say
// with its original id. It walks the script round and round until stop().
//
// Lifetime: shared_ptr; pending operations hold it. Thread: everything runs on
// the io_context's one thread; read the results only after that thread ended.
class ResumingClient : public std::enable_shared_from_this<ResumingClient> {
 public:
  struct Said {
    std::string id;
    std::string text;
  };

  // `port` is where the daemon listens now (0 while it is down); `replies`
  // counts the replies of every client.
  ResumingClient(boost::asio::io_context& ioc, const std::atomic<unsigned short>& port,
                 const std::vector<std::string>& script, std::string id_prefix,
                 ReplyCounter& replies);

  void start();
  void stop();

  const std::string& user() const { return user_; }
  const std::vector<Said>& acknowledged() const { return acked_; }
  int reconnects() const { return reconnects_; }
  int resends() const { return resends_; }
  const std::map<std::string, int>& error_codes() const { return error_codes_; }

 private:
  using Stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

  void connect();
  void on_handshake(boost::system::error_code ec);
  void send(std::string frame);
  void read();
  void on_frame(const nlohmann::json& frame);
  void on_welcome(const nlohmann::json& frame);
  void send_say();
  void retry(std::chrono::milliseconds delay);

  boost::asio::io_context& ioc_;
  const std::atomic<unsigned short>& port_;
  const std::vector<std::string>& script_;
  std::string id_prefix_;
  ReplyCounter& replies_;
  std::optional<Stream> stream_;
  boost::asio::steady_timer timer_;
  boost::beast::flat_buffer buffer_;
  std::string out_;
  bool stopped_ = false;
  std::uint64_t generation_ = 0;  // of the connection; stale handlers compare it
  bool welcomed_ = false;         // on the current connection
  std::string token_;
  std::string user_;
  std::optional<Said> pending_;  // said, reply not yet received
  std::size_t next_line_ = 0;
  std::uint64_t seq_ = 0;
  std::vector<Said> acked_;
  int reconnects_ = 0;
  int resends_ = 0;
  std::map<std::string, int> error_codes_;
};

}  // namespace backcoach::e2e
