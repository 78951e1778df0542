#include "telegram/webhook.h"

#include <openssl/crypto.h>

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>
#include <variant>

#include "common/sha256.h"
#include "common/utf8.h"

namespace backcoach::telegram {
namespace {

using nlohmann::json;
namespace http = net::http;

struct Ignored {};
struct Malformed {
  std::string why;  // names fields, never echoes the body
};
using Parsed = std::variant<Update, Ignored, Malformed>;

Parsed parse(const std::string& body) {
  if (!is_valid_utf8(body)) return Malformed{"the body is not UTF-8"};
  const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Malformed{"the body must be a JSON object"};
  const auto id = j.find("update_id");
  if (id == j.end() || !id->is_number_integer()) {
    return Malformed{"\"update_id\" must be an integer"};
  }
  auto update = read_update(j);
  if (!update) return Malformed{"not an Update"};
  if (j.contains("message") && !update->message) {
    return Malformed{"\"message\" needs an integer message_id and a chat with an integer id"};
  }
  if (j.contains("callback_query") && !update->callback_query) {
    return Malformed{"\"callback_query\" needs a string id and a sender with an integer id"};
  }
  if (!update->message && !update->callback_query) return Ignored{};
  return std::move(*update);
}

}  // namespace

void Webhook::add_routes(net::Router& router) {
  router.add(http::verb::post, kPath,
             [this](const net::Request& req, const net::RouteParams&, net::Router::Send send) {
               receive(req, std::move(send));
             });
}

// Compared as SHA-256 digests, so neither the time taken nor a length says how much of
// a guess was right.
bool Webhook::genuine(const net::Request& req) const {
  const auto it = req.find(kSecretHeader);
  if (it == req.end()) return false;
  const std::string given = sha256_hex(std::string_view(it->value().data(), it->value().size()));
  const std::string expected = sha256_hex(secret_);
  return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

void Webhook::receive(const net::Request& req, net::Router::Send send) {
  const unsigned version = req.version();
  const bool keep = req.keep_alive();
  if (!genuine(req)) {
    return send(net::problem(http::status::unauthorized,
                             "X-Telegram-Bot-Api-Secret-Token is missing or wrong", version, keep));
  }
  auto parsed = parse(req.body());
  if (const auto* bad = std::get_if<Malformed>(&parsed)) {
    return send(net::problem(http::status::bad_request, bad->why, version, keep));
  }
  if (std::holds_alternative<Ignored>(parsed)) {
    return send(net::json_response(http::status::ok, json::object(), version, keep));
  }
  auto update = std::get<Update>(std::move(parsed));
  boost::asio::post(
      d_.blocking, [this, update = std::move(update), version, keep, send = std::move(send)] {
        auto fresh = d_.state.receive_updates(d_.bot_id, {{update.update_id, to_json(update)}},
                                              std::nullopt, d_.clock());
        if (!fresh) {
          d_.log.error("telegram_updates_unrecorded", {{"error", fresh.error().message()}});
          return send(net::problem(http::status::service_unavailable,
                                   "cannot record the update now; send it again", version, keep));
        }
        (fresh->empty() ? d_.counters.repeated : d_.counters.received).inc();
        d_.queue.push(*fresh);  // starts the handling; it goes on after the answer
        send(net::json_response(http::status::ok, json::object(), version, keep));
      });
}

}  // namespace backcoach::telegram
