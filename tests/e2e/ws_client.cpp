#include "ws_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <stdexcept>

namespace backcoach::e2e {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;

template <class Op>
void WsClient::run(Op op) {
  bool done = false;
  beast::error_code result;
  op([&](beast::error_code ec, auto&&...) {
    done = true;
    result = ec;
  });
  ioc_.restart();
  ioc_.run_for(timeout_);
  if (!done) {
    beast::get_lowest_layer(ws_).cancel();
    ioc_.restart();
    ioc_.run_for(std::chrono::seconds(1));
    throw std::runtime_error("timed out");
  }
  if (result) throw beast::system_error(result);
}

WsClient::WsClient(unsigned short port, std::string origin, std::chrono::milliseconds timeout,
                   std::string host)
    : WsClient(port, WsConnect{std::move(origin), std::move(host), {}, {}, timeout}) {}

WsClient::WsClient(unsigned short port, WsConnect how) : ws_(ioc_), timeout_(how.timeout) {
  auto& sock = beast::get_lowest_layer(ws_).socket();
  if (!how.from.empty()) {
    sock.open(tcp::v4());
    sock.bind(tcp::endpoint(asio::ip::make_address(how.from), 0));
  }
  sock.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  ws_.set_option(websocket::stream_base::decorator([how](websocket::request_type& req) {
    if (!how.origin.empty()) req.set(http::field::origin, how.origin);
    for (const auto& [name, value] : how.headers) req.set(name, value);
  }));
  websocket::response_type res;
  try {
    const auto host = how.host.empty() ? "127.0.0.1:" + std::to_string(port) : how.host;
    run([&](auto handler) { ws_.async_handshake(res, host, "/v1/chat", handler); });
    connected_ = true;
  } catch (const beast::system_error&) {
    refused_status_ = res.result_int();
  }
}

void WsClient::send_text(const std::string& payload) {
  ws_.text(true);
  run([&](auto handler) { ws_.async_write(asio::buffer(payload), handler); });
}

void WsClient::send_binary(const std::string& payload) {
  ws_.binary(true);
  run([&](auto handler) { ws_.async_write(asio::buffer(payload), handler); });
}

nlohmann::json WsClient::receive() {
  buffer_.clear();
  run([&](auto handler) { ws_.async_read(buffer_, handler); });
  return nlohmann::json::parse(beast::buffers_to_string(buffer_.data()));
}

std::optional<unsigned> WsClient::wait_close() {
  try {
    while (true) {
      buffer_.clear();
      run([&](auto handler) { ws_.async_read(buffer_, handler); });
    }
  } catch (const beast::system_error& e) {
    if (e.code() == websocket::error::closed) return ws_.reason().code;
    return std::nullopt;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

nlohmann::json WsClient::hello(const std::optional<std::string>& token) {
  nlohmann::json frame = {{"type", "hello"}};
  if (token) frame["token"] = *token;
  send(frame);
  return receive();
}

nlohmann::json WsClient::say(const std::string& id, const std::string& text) {
  send({{"type", "say"}, {"id", id}, {"text", text}});
  return receive();
}

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers, const std::string& body) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  req.keep_alive(false);
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  if (method == "HEAD") parser.skip(true);
  http::read(stream, buffer, parser);
  HttpReply reply;
  reply.status = parser.get().result_int();
  for (const auto& f : parser.get()) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(f.value());
  }
  reply.body = parser.get().body();
  return reply;
}

std::string raw_exchange(unsigned short port, const std::string& request) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::error_code ec;
  asio::write(socket, asio::buffer(request), ec);  // the server may answer before all is sent
  std::string out;
  char buf[4096];
  while (true) {
    const auto n = socket.read_some(asio::buffer(buf), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

}  // namespace backcoach::e2e
