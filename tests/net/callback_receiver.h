#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace backcoach::testing {

// A bot's callback endpoint for tests: plain HTTP on 127.0.0.1, on its own thread.
// It records every request and checks its signature with its own HMAC (OpenSSL,
// not the daemon's code) under the bot's key; it answers as told, or holds the
// request unanswered (a receiver that is slow, or dies mid-request).
// Thread-safety: every method from any thread.
class CallbackReceiver {
 public:
  struct Received {
    std::string target;
    std::string content_type;
    std::string timestamp;
    std::string signature;
    std::string idempotency_key;
    std::string body;
    bool signature_ok = false;  // v1=HMAC-SHA256(key, timestamp + "." + body)
  };
  struct Answer {
    unsigned status = 200;
    std::string retry_after;  // sent as Retry-After when not empty
    bool hold = false;        // read the request, never answer it
  };

  explicit CallbackReceiver(std::string key);  // the key's raw bytes
  ~CallbackReceiver();
  CallbackReceiver(const CallbackReceiver&) = delete;
  CallbackReceiver& operator=(const CallbackReceiver&) = delete;

  // Listens on 127.0.0.1:`port` (0: any free one); the port, or 0 on failure.
  unsigned short start(unsigned short port = 0);
  // Closes the listener and every connection (held ones unanswered). Idempotent.
  void stop();

  // How the requests from now on are answered (each in turn; the last one stays).
  void answer_with(std::vector<Answer> answers);
  std::vector<Received> received() const;
  // Waits until `count` requests have arrived; false after `timeout`.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

  std::string url(const std::string& path = "/hook") const;
  unsigned short port() const { return port_; }

 private:
  class Connection;
  void accept();
  Answer next_answer(Received received);

  std::string key_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  unsigned short port_ = 0;
  mutable std::mutex mu_;
  mutable std::condition_variable arrived_;
  std::vector<Received> received_;
  std::vector<Answer> answers_{Answer{}};
  std::vector<std::shared_ptr<Connection>> connections_;  // closed by stop()
};

}  // namespace backcoach::testing
