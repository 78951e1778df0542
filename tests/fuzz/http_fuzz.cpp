// libFuzzer target: bytes from a client's TCP stream, parsed by Beast's HTTP parser with
// the daemon's limits into requests for HttpApi, the router behind every non-WebSocket
// request, over the real rules, an in-memory SQLite store and the real web root.
// "@TOKEN@" in the input stands for a valid token of a fresh user, so that the fuzzer
// reaches the authenticated routes (export, erase) as well as the 401 path.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/sinks/null_sink.h>

#include "fuzz_check.h"
#include "net/http_api.h"
#include "net/server_context.h"
#include "store/sqlite_store.h"

using namespace backcoach;
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kTokenMark = "@TOKEN@";
constexpr int kMaxRequests = 4;  // pipelined on one connection

// Everything HttpApi needs, built once; requests complete on `ioc`, run by the fuzzer's thread.
struct World {
  World();
  boost::asio::io_context ioc;
  std::unique_ptr<store::SqliteStore> store;
  service::RulesHolder rules{nullptr};
  service::TokenSigner signer{std::string(32, 'f')};
  service::Registry registry;
  service::DaemonMetrics metrics{registry};
  service::EventLog log{std::make_shared<spdlog::logger>(
      "fuzz", std::make_shared<spdlog::sinks::null_sink_mt>())};
  net::OriginPolicy origins{net::OriginPolicy::default_patterns()};
  std::atomic<bool> draining{false};
  net::NetLimits limits;
  std::unique_ptr<service::ConversationService> service;
  std::unique_ptr<net::HttpApi> api;
};
World* world = nullptr;

World::World() {
  auto loaded = dialogue::load_rule_set(BACKCOACH_SOURCE_DIR "/rules",
                                        BACKCOACH_SOURCE_DIR "/intents");
  FUZZ_CHECK(loaded.ok());
  rules.set(loaded.rules);
  auto opened = store::SqliteStore::open(":memory:");
  FUZZ_CHECK(opened.has_value());
  store = std::move(*opened);
  service = std::make_unique<service::ConversationService>(
      ioc.get_executor(), ioc.get_executor(), *store, rules, signer, metrics, log,
      [] { return std::int64_t{1'700'000'000'000}; }, service::ConversationService::Options{});
  auto files = net::StaticFiles::load(BACKCOACH_SOURCE_DIR "/web/public");
  api = std::make_unique<net::HttpApi>(
      net::HttpApi::Deps{*service, rules, *store, ioc.get_executor(), metrics, origins, draining},
      files ? *files : nullptr);
}

// The input with each token mark replaced by the token of a user created for it.
std::string with_tokens(std::string_view input) {
  std::string out(input);
  for (auto at = out.find(kTokenMark); at != std::string::npos; at = out.find(kTokenMark, at)) {
    const auto user = world->store->create_user(0);
    FUZZ_CHECK(user.has_value());
    const auto token = world->signer.sign(*user);
    out.replace(at, kTokenMark.size(), token);
    at += token.size();
  }
  return out;
}

// One request through the router, answered exactly once, never with a 500.
void route(const net::Request& req) {
  if (boost::beast::websocket::is_upgrade(req)) return;  // WsSession's, not the router's
  int answers = 0;
  std::optional<net::Response> res;
  world->api->handle(req, [&](net::Response r) {
    ++answers;
    res = std::move(r);
  });
  world->ioc.restart();
  world->ioc.run();
  FUZZ_CHECK(answers == 1);
  FUZZ_CHECK(res->result_int() >= 200 && res->result_int() < 600 && res->result_int() != 500);
  std::ostringstream wire;  // what HttpSession would write
  wire << *res;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world = new World;  // lives as long as the process
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input =
      with_tokens(std::string_view(reinterpret_cast<const char*>(data), size));
  boost::asio::const_buffer rest(input.data(), input.size());
  for (int n = 0; n < kMaxRequests && rest.size() > 0; ++n) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(world->limits.http_header_limit));
    parser.body_limit(world->limits.http_body_limit);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!ec && !parser.is_done() && rest.size() > 0) rest += parser.put(rest, ec);
    if (ec == http::error::need_more || (!ec && !parser.is_done())) {
      ec = {};
      parser.put_eof(ec);  // the client closed
    }
    if (ec || !parser.is_done()) return 0;  // HttpSession answers 413/431 or closes
    route(parser.release());
  }
  return 0;
}
