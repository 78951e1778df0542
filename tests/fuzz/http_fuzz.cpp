// libFuzzer target: bytes from a client's TCP stream, parsed by Beast's HTTP parser with
// the daemon's limits into requests for HttpApi, the route table behind every
// non-WebSocket request (its own routes and the bot API's), over the real rules, the real
// ConversationService on an in-memory SQLite store and the real web root.
// Two marks let the fuzzer past the authentication it cannot forge:
//  - "@TOKEN@" in the input stands for a valid token of a fresh user (export, erase);
//  - an X-Backcoach-Signature header "@SIGN@" becomes the valid signature of the request's
//    timestamp and body under the key of bot "fuzzbot" (POST /v1/bots/fuzzbot/messages).
#include <spdlog/sinks/null_sink.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "net/bot_api.h"
#include "net/http_api.h"
#include "net/request_signature.h"
#include "net/server_context.h"
#include "service/conversation_service.h"
#include "store/sqlite_store.h"

using namespace backcoach;
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kTokenMark = "@TOKEN@";
constexpr std::string_view kSignMark = "@SIGN@";
constexpr std::int64_t kNowSeconds = 1'700'000'000;
constexpr int kMaxRequests = 4;  // pipelined on one connection
const std::string kBotKey(32, 'k');

// Everything HttpApi needs, built once; requests complete on `ioc`, run by the fuzzer's
// thread (store writes commit on the store's writer thread).
struct World {
  World();
  boost::asio::io_context ioc;
  std::unique_ptr<store::SqliteStore> store;
  service::RulesHolder rules{nullptr};
  service::TokenSigner signer{std::string(32, 'f')};
  service::Registry registry;
  service::DaemonMetrics metrics{registry};
  service::EventLog log{
      std::make_shared<spdlog::logger>("fuzz", std::make_shared<spdlog::sinks::null_sink_mt>())};
  net::OriginPolicy origins{net::OriginPolicy::default_patterns()};
  std::atomic<bool> draining{false};
  net::NetLimits limits;
  std::unique_ptr<service::ConversationService> service;
  std::unique_ptr<net::HttpApi> api;
  std::unique_ptr<net::BotApi> bots;
};
World* world = nullptr;

World::World() {
  auto loaded =
      dialogue::load_rule_set(BACKCOACH_SOURCE_DIR "/rules", BACKCOACH_SOURCE_DIR "/intents");
  FUZZ_CHECK(loaded.ok());
  rules.set(loaded.rules);
  auto opened = store::SqliteStore::open(":memory:");
  FUZZ_CHECK(opened.has_value());
  store = std::move(*opened);
  service = std::make_unique<service::ConversationService>(
      ioc.get_executor(), ioc.get_executor(), *store, *store, rules, signer, metrics, log,
      [] { return kNowSeconds * 1000; }, service::ConversationService::Options{});
  auto files = net::StaticFiles::load(BACKCOACH_SOURCE_DIR "/web/public");
  api = std::make_unique<net::HttpApi>(net::HttpApi::Deps{*service, metrics, origins, draining},
                                       files ? *files : nullptr);
  bots = std::make_unique<net::BotApi>(
      *service, std::vector<net::BotApi::Bot>{{"fuzzbot", kBotKey}}, [] { return kNowSeconds; },
      net::BotApi::Limits{});
  bots->add_routes(api->routes());
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

void sign_if_marked(net::Request& req) {
  const auto signature = req.find(net::kSignatureHeader);
  if (signature == req.end() || signature->value() != kSignMark) return;
  const auto timestamp = req.find(net::kTimestampHeader);
  const std::string ts = timestamp == req.end() ? "" : std::string(timestamp->value());
  req.set(net::kSignatureHeader, net::sign_v1(kBotKey, ts, req.body()));
}

// One request through the route table, answered exactly once, never with a 500.
void route(net::Request req) {
  if (boost::beast::websocket::is_upgrade(req)) return;  // WsSession's, not the router's
  sign_if_marked(req);
  std::mutex mu;
  std::atomic<int> answers{0};
  std::optional<net::Response> res;
  world->api->handle(req, [&](net::Response r) {
    std::lock_guard lock(mu);
    res = std::move(r);
    ++answers;
  });
  // A turn commits on the store's writer thread before it is answered: wait for it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (answers.load() == 0 && std::chrono::steady_clock::now() < deadline) {
    world->ioc.restart();
    world->ioc.run_for(std::chrono::milliseconds(1));
  }
  world->ioc.restart();
  world->ioc.poll();
  std::lock_guard lock(mu);
  FUZZ_CHECK(answers.load() == 1);
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
