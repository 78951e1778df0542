#include "callback_receiver.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>

namespace backcoach::testing {

namespace http = boost::beast::http;
using boost::asio::ip::tcp;

namespace {

std::string hmac_hex(const std::string& key, const std::string& message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length);
  std::string hex;
  char byte[3];
  for (unsigned i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", mac[i]);
    hex += byte;
  }
  return hex;
}

}  // namespace

class CallbackReceiver::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, CallbackReceiver& owner)
      : socket_(std::move(socket)), owner_(owner) {}

  void read() {
    http::async_read(socket_, buffer_, request_,
                     [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                       if (!ec) self->on_read();
                     });
  }
  void close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void on_read() {
    Received r;
    r.target = std::string(request_.target());
    r.content_type = std::string(request_[http::field::content_type]);
    r.timestamp = std::string(request_["X-Backcoach-Timestamp"]);
    r.signature = std::string(request_["X-Backcoach-Signature"]);
    r.idempotency_key = std::string(request_["Idempotency-Key"]);
    r.body = request_.body();
    r.signature_ok = r.signature == "v1=" + hmac_hex(owner_.key_, r.timestamp + "." + r.body);
    const Answer answer = owner_.next_answer(std::move(r));
    if (answer.hold) return;  // kept open until stop()
    response_.result(answer.status);
    response_.version(11);
    if (!answer.retry_after.empty()) response_.set(http::field::retry_after, answer.retry_after);
    response_.keep_alive(false);
    response_.body() = "{}";
    response_.prepare_payload();
    http::async_write(
        socket_, response_,
        [self = shared_from_this()](boost::system::error_code, std::size_t) { self->close(); });
  }

  tcp::socket socket_;
  CallbackReceiver& owner_;
  boost::beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

CallbackReceiver::CallbackReceiver(std::string key) : key_(std::move(key)), acceptor_(ioc_) {}

CallbackReceiver::~CallbackReceiver() { stop(); }

unsigned short CallbackReceiver::start(unsigned short port) {
  boost::system::error_code ec;
  const tcp::endpoint at(boost::asio::ip::make_address("127.0.0.1"), port);
  acceptor_.open(at.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(at, ec);
  if (!ec) acceptor_.listen(64, ec);
  if (ec) return 0;
  port_ = acceptor_.local_endpoint().port();
  accept();
  thread_ = std::thread([this] { ioc_.run(); });
  return port_;
}

void CallbackReceiver::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) return;
    auto connection = std::make_shared<Connection>(std::move(socket), *this);
    {
      std::lock_guard lock(mu_);
      connections_.push_back(connection);
    }
    connection->read();
    accept();
  });
}

void CallbackReceiver::stop() {
  if (!thread_.joinable()) return;
  boost::asio::post(ioc_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    std::lock_guard lock(mu_);
    for (auto& c : connections_) c->close();
  });
  thread_.join();  // every operation ends with its socket; run() then returns
  std::lock_guard lock(mu_);
  connections_.clear();
}

void CallbackReceiver::answer_with(std::vector<Answer> answers) {
  std::lock_guard lock(mu_);
  answers_ = std::move(answers);
}

CallbackReceiver::Answer CallbackReceiver::next_answer(Received received) {
  std::lock_guard lock(mu_);
  received_.push_back(std::move(received));
  arrived_.notify_all();
  const Answer answer = answers_.front();
  if (answers_.size() > 1) answers_.erase(answers_.begin());
  return answer;
}

std::vector<CallbackReceiver::Received> CallbackReceiver::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

bool CallbackReceiver::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return arrived_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
}

std::string CallbackReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

}  // namespace backcoach::testing
