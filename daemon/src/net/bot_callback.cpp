#include "net/bot_callback.h"

#include <nlohmann/json.hpp>

#include "net/bot_api.h"
#include "net/request_signature.h"
#include "outbox/http_outcome.h"

namespace backcoach::net {
namespace {

constexpr std::string_view kChannelPrefix = "bot:";

}  // namespace

service::OutboundPresenter bot_callback_presenter(std::string bot_id, std::string user,
                                                  std::string event) {
  return [bot_id = std::move(bot_id), user = std::move(user),
          event = std::move(event)](const service::TurnReply& reply) {
    nlohmann::json body = bot_answer_json(reply);
    body.erase("duplicate");  // a callback is never a resend's answer
    body["user"] = user;
    body["event"] = event;
    return std::vector<store::OutgoingMessage>{
        {std::string(kChannelPrefix) + bot_id, user, std::move(body)}};
  };
}

service::OutboundPresenter bot_callback_presenter(const store::Identity& identity,
                                                  const std::string& event) {
  const std::string_view channel = identity.channel;
  const auto bot_id =
      channel.starts_with(kChannelPrefix) ? channel.substr(kChannelPrefix.size()) : channel;
  return bot_callback_presenter(std::string(bot_id), identity.external_id, event);
}

BotCallbackDeliverer::BotCallbackDeliverer(outbound::HttpsClient& client, std::vector<Bot> bots,
                                           Clock clock)
    : client_(client), bots_(std::move(bots)), clock_(std::move(clock)) {}

const BotCallbackDeliverer::Bot* BotCallbackDeliverer::find(const std::string& channel) const {
  if (!channel.starts_with(kChannelPrefix)) return nullptr;
  const std::string_view id = std::string_view(channel).substr(kChannelPrefix.size());
  for (const auto& bot : bots_) {
    if (bot.id == id && !bot.callback_url.empty()) return &bot;
  }
  return nullptr;
}

void BotCallbackDeliverer::deliver(const store::QueuedMessage& message, Done done) {
  const Bot* bot = find(message.message.channel);
  if (bot == nullptr) return done(outbox::Delivery::retry("no callback_url for this bot"));
  const std::string id = std::to_string(message.id);
  nlohmann::json body = message.message.payload;
  body["id"] = id;
  body["bot"] = bot->id;
  outbound::Request request;
  request.method = boost::beast::http::verb::post;
  request.url = bot->callback_url;
  request.content_type = "application/json";
  request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Signed at each attempt: a late retry still carries a fresh timestamp.
  const std::string timestamp = std::to_string(clock_());
  request.headers = {{std::string(kTimestampHeader), timestamp},
                     {std::string(kSignatureHeader), sign_v1(bot->key, timestamp, request.body)},
                     {"Idempotency-Key", id}};
  client_.request(std::move(request), [done = std::move(done)](boost::system::error_code ec,
                                                               outbound::Response response) {
    done(classify(ec, response));
  });
}

outbox::Delivery BotCallbackDeliverer::classify(boost::system::error_code ec,
                                                const outbound::Response& response) {
  return outbox::http_outcome(ec, response.status, response.retry_after);
}

}  // namespace backcoach::net
