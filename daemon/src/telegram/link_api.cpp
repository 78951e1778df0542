#include "telegram/link_api.h"

#include <openssl/rand.h>

#include <array>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/base64url.h"
#include "net/http_api.h"

namespace backcoach::telegram {
namespace {

using nlohmann::json;
namespace http = net::http;

constexpr char kInfoPath[] = "/v1/telegram";
constexpr char kLinkPath[] = "/v1/telegram/link";

net::Response not_yet(const net::Request& req) {
  return net::problem(http::status::service_unavailable,
                      "the Telegram bot is not reachable yet; try again shortly", req.version(),
                      req.keep_alive());
}

net::Response no_store(net::Response res) {
  res.set(http::field::cache_control, "no-store");
  return res;
}

}  // namespace

result<std::string> new_link_code() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return errc::unavailable;
  return base64url_encode(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

void LinkApi::add_routes(net::Router& router) {
  router.add_get(kInfoPath, [this](const net::Request& req, const net::RouteParams&,
                                   net::Router::Send send) { info(req, std::move(send)); });
  router.add(http::verb::post, kLinkPath,
             [this](const net::Request& req, const net::RouteParams&, net::Router::Send send) {
               link(req, std::move(send));
             });
  cors_.add_preflight(router, kInfoPath, "GET, OPTIONS");
  cors_.add_preflight(router, kLinkPath, "POST, OPTIONS");
}

void LinkApi::info(const net::Request& req, net::Router::Send send) {
  auto finish = cors_.wrap(req, std::move(send));
  const auto bot = d_.bot.get();
  if (bot.empty()) return finish(not_yet(req));
  finish(net::json_response(http::status::ok, {{"bot", bot}, {"url", "https://t.me/" + bot}},
                            req.version(), req.keep_alive()));
}

void LinkApi::link(const net::Request& req, net::Router::Send send) {
  auto finish = cors_.wrap(req, std::move(send));
  const auto token = net::HttpApi::bearer_token(req);
  const auto user = token ? d_.chat.authenticate(*token) : std::nullopt;
  if (!user) {
    auto res = net::problem(http::status::unauthorized, "a valid Bearer token is required",
                            req.version(), req.keep_alive());
    res.set(http::field::www_authenticate, "Bearer");
    return finish(std::move(res));
  }
  const auto bot = d_.bot.get();
  if (bot.empty()) return finish(not_yet(req));
  boost::asio::post(d_.blocking, [this, user = *user, bot, version = req.version(),
                                  keep = req.keep_alive(), finish = std::move(finish)] {
    auto code = new_link_code();
    const auto now = d_.clock();
    const auto lifetime = std::chrono::duration_cast<std::chrono::milliseconds>(kCodeLifetime);
    auto added = code ? d_.links.add_link_code(*code, user, now + lifetime.count(), now)
                      : result<void>(code.error());
    if (!added) {
      const bool gone = added.error() == errc::not_found;
      if (!gone) d_.log.error("telegram_link_failed", {{"error", added.error().message()}});
      return finish(net::problem(gone ? http::status::not_found : http::status::service_unavailable,
                                 gone ? "no such user" : "cannot make a link now", version, keep));
    }
    const json body{{"url", "https://t.me/" + bot + "?start=" + *code},
                    {"expires_in", std::chrono::seconds(kCodeLifetime).count()}};
    finish(no_store(net::json_response(http::status::ok, body, version, keep)));
  });
}

}  // namespace backcoach::telegram
