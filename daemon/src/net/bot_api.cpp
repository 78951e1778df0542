#include "net/bot_api.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <variant>

#include "common/utf8.h"
#include "net/request_signature.h"
#include "service/reply_json.h"

namespace backcoach::net {
namespace {

using nlohmann::json;

// A message as the bot sent it, once it is known to be well formed.
struct BotMessage {
  std::string user;
  std::string id;
  service::TurnInput input;
};

struct BadMessage {
  std::string why;  // for the bot's developer; never echoes the body
};

std::string header(const Request& req, std::string_view name) {
  const auto it = req.find(name);
  return it == req.end() ? std::string() : std::string(it->value());
}

// `field` as a non-empty string of at most `max_bytes`, or nullptr.
const std::string* id_field(const json& body, const char* field, std::size_t max_bytes) {
  const auto it = body.find(field);
  if (it == body.end() || !it->is_string()) return nullptr;
  const auto& value = it->get_ref<const std::string&>();
  if (value.empty() || value.size() > max_bytes) return nullptr;
  return &value;
}

std::variant<BotMessage, BadMessage> parse_message(std::string_view raw,
                                                   const BotApi::Limits& limits) {
  if (!is_valid_utf8(raw)) return BadMessage{"the body is not UTF-8"};
  const json body = json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return BadMessage{"the body must be a JSON object"};
  const auto* user = id_field(body, "user", limits.max_id_bytes);
  const auto* id = id_field(body, "id", limits.max_id_bytes);
  if (user == nullptr || id == nullptr) {
    return BadMessage{"\"user\" and \"id\" must be non-empty strings of at most " +
                      std::to_string(limits.max_id_bytes) + " bytes"};
  }
  const auto text = body.find("text");
  const auto choice = body.find("choice");
  if ((text == body.end()) == (choice == body.end())) {
    return BadMessage{"send exactly one of \"text\" and \"choice\""};
  }
  const auto& said = text != body.end() ? *text : *choice;
  if (!said.is_string()) return BadMessage{"\"text\" or \"choice\" must be a string"};
  const auto& words = said.get_ref<const std::string&>();
  if (count_code_points(words) > limits.max_text_chars) {
    return BadMessage{"the message is longer than " + std::to_string(limits.max_text_chars) +
                      " characters"};
  }
  service::TurnInput input = text != body.end() ? service::TurnInput(service::TextInput{words})
                                                : service::TurnInput(service::ChoiceInput{words});
  return BotMessage{*user, *id, std::move(input)};
}

Response failure(service::ServiceError e, unsigned version, bool keep) {
  if (e == service::ServiceError::not_ready) {
    return problem(http::status::service_unavailable, "cannot take turns now; retry later", version,
                   keep);
  }
  return problem(http::status::internal_server_error, "internal error; the message was not stored",
                 version, keep);
}

}  // namespace

json bot_answer_json(const service::TurnReply& reply) {
  return {{"replies", service::to_json(reply.messages)},
          {"tier", service::tier_to_json(reply.tier)},
          {"flags", reply.flags},
          {"exercises", reply.exercises},
          {"duplicate", reply.duplicate}};
}

BotApi::BotApi(service::ChatService& service, std::vector<Bot> bots, Clock clock, Limits limits)
    : service_(service), bots_(std::move(bots)), clock_(std::move(clock)), limits_(limits) {}

void BotApi::add_routes(Router& router) {
  router.add(http::verb::post, "/v1/bots/{bot_id}/messages",
             [this](const Request& req, const RouteParams& params, Router::Send send) {
               messages(req, params, std::move(send));
             });
}

const BotApi::Bot* BotApi::find(std::string_view id) const {
  for (const auto& bot : bots_) {
    if (bot.id == id) return &bot;
  }
  return nullptr;
}

void BotApi::messages(const Request& req, const RouteParams& params, Router::Send send) {
  const unsigned version = req.version();
  const bool keep = req.keep_alive();
  const Bot* bot = find(params.at("bot_id"));
  if (bot == nullptr) return send(problem(http::status::not_found, "no such bot", version, keep));
  const auto check = check_v1(bot->key, header(req, kTimestampHeader),
                              header(req, kSignatureHeader), req.body(), clock_());
  if (check != SignatureCheck::ok) {
    const bool stale = check == SignatureCheck::stale;
    return send(problem(http::status::unauthorized,
                        stale ? "X-Backcoach-Timestamp is more than 300 s from our clock"
                              : "the request is not signed with this bot's key",
                        version, keep));
  }
  auto parsed = parse_message(req.body(), limits_);
  if (auto* bad = std::get_if<BadMessage>(&parsed)) {
    return send(problem(http::status::bad_request, bad->why, version, keep));
  }
  auto message = std::make_shared<BotMessage>(std::get<BotMessage>(std::move(parsed)));
  const std::string channel = "bot:" + bot->id;
  service_.identify(
      channel, message->user,
      [this, channel, message, version, keep, send = std::move(send)](auto user) mutable {
        if (user.has_error()) return send(failure(user.error(), version, keep));
        service::TurnRequest turn{*user, channel, std::move(message->input), message->id};
        service_.say(std::move(turn), [version, keep, send = std::move(send)](auto reply) {
          if (reply.has_error()) return send(failure(reply.error(), version, keep));
          send(json_response(http::status::ok, bot_answer_json(*reply), version, keep));
        });
      });
}

}  // namespace backcoach::net
