#include "fake_telegram.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace backcoach::testing {

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

namespace {

// The first line the child prints, or "" after `timeout`.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
  std::string line;
  const auto deadline = Clock::now() + timeout;
  while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[256];
    const auto n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  return line.find('\n') == std::string::npos ? "" : line;
}

}  // namespace

FakeTelegram::FakeTelegram(std::string token) : token_(std::move(token)) {
  std::string pattern = (std::filesystem::temp_directory_path() / "fake-telegram-XXXXXX").string();
  if (::mkdtemp(pattern.data()) != nullptr) dir_ = pattern;
}

FakeTelegram::~FakeTelegram() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

bool FakeTelegram::start() {
  int in[2], out[2];
  if (dir_.empty() || ::pipe2(in, O_CLOEXEC) != 0) return false;
  if (::pipe2(out, O_CLOEXEC) != 0) return false;
  std::vector<std::string> args{
      BACKCOACH_PYTHON3, BACKCOACH_FAKE_TELEGRAM, "--pki", dir_ + "/pki", "--token", token_};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  stdin_fd_ = in[1];
  const std::string line = read_line(out[0], std::chrono::seconds(20));
  ::close(out[0]);
  const auto ready = nlohmann::json::parse(line, nullptr, false);
  if (!ready.is_object()) return false;
  api_port_ = ready.value("api_port", 0);
  control_port_ = ready.value("control_port", 0);
  return api_port_ != 0 && control_port_ != 0;
}

FakeTelegram& FakeTelegram::shared() {
  static FakeTelegram* fake = [] {
    static FakeTelegram instance;
    instance.start();
    return &instance;
  }();
  return *fake;
}

std::string FakeTelegram::api_base() const {
  return "https://127.0.0.1:" + std::to_string(api_port_);
}

std::string FakeTelegram::ca_file() const { return dir_ + "/pki/ca.pem"; }

namespace {

nlohmann::json exchange(unsigned short port, http::verb verb, const std::string& target,
                        std::string body) {
  boost::asio::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  boost::system::error_code ec;
  stream.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return nullptr;
  http::request<http::string_body> request(verb, target, 11);
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::content_type, "application/json");
  request.body() = std::move(body);
  request.prepare_payload();
  http::write(stream, request, ec);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  if (!ec) http::read(stream, buffer, response, ec);
  if (ec) return nullptr;
  return nlohmann::json::parse(response.body(), nullptr, false);
}

}  // namespace

nlohmann::json FakeTelegram::post(const std::string& path, const nlohmann::json& body) const {
  return exchange(control_port_, http::verb::post, path, body.dump());
}

nlohmann::json FakeTelegram::get(const std::string& target) const {
  return exchange(control_port_, http::verb::get, target, "");
}

nlohmann::json FakeTelegram::queue_updates(const nlohmann::json& updates) const {
  return post("/updates", {{"updates", updates}});
}

nlohmann::json FakeTelegram::calls(const std::string& method, int at_least,
                                   double wait_seconds) const {
  std::string target =
      "/calls?min=" + std::to_string(at_least) + "&wait=" + std::to_string(wait_seconds);
  if (!method.empty()) target += "&method=" + method;
  return get(target).value("calls", nlohmann::json::array());
}

void FakeTelegram::use_certificate(const std::string& which) const {
  post("/tls", {{"cert", which}});
}

}  // namespace backcoach::testing
