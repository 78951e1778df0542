#include "telegram/telegram_deliverer.h"

namespace backcoach::telegram {

using nlohmann::json;

void TelegramDeliverer::deliver(const store::QueuedMessage& message, Done done) {
  auto payload = read_payload(message.message.payload);
  if (payload && !payload->chart.empty() && !blocked_.blocked(payload->chat_id())) {
    return send_chart(*payload, message.user_id, std::move(done));
  }
  send_now(message.message, std::move(done));
}

void TelegramDeliverer::send_chart(const Payload& p, const std::string& user_id, Done done) {
  charts_(user_id, [this, p, done = std::move(done)](result<std::string> png) mutable {
    if (!png) return done(outbox::Delivery::gone("chart not drawn: " + png.error().message()));
    api_.upload_photo(p.params, {"journal.png", std::move(*png)},
                      [this, chat = p.chat_id(), done = std::move(done)](Answer<Message> sent) {
                        done(outcome(sent.error, chat));
                      });
  });
}

void TelegramDeliverer::send_now(const store::OutgoingMessage& message, Done done) {
  auto payload = read_payload(message.payload);
  if (!payload) return done(outbox::Delivery::gone("not a Telegram payload"));
  const auto chat_id = payload->chat_id();
  if (blocked_.blocked(chat_id)) return done(outbox::Delivery::gone("403 blocked"));
  if (!payload->chart.empty()) return done(outbox::Delivery::gone("a chart needs its person"));
  if (payload->method == "sendPhoto") return send_photo(*payload, std::move(done));
  api_.call_method(payload->method, payload->params,
                   [this, chat_id, done = std::move(done)](Answer<json> answer) {
                     done(outcome(answer.error, chat_id));
                   });
}

void TelegramDeliverer::send_photo(const Payload& p, Done done) {
  if (pictures_.find(p.exercise) == nullptr) {
    // No picture for it (a catalogue entry without a drawing): the card as text.
    json params = p.params;
    params["text"] = params.value("caption", "");
    params.erase("caption");
    return api_.call_method("sendMessage", params,
                            [this, chat = p.chat_id(), done = std::move(done)](Answer<json> a) {
                              done(outcome(a.error, chat));
                            });
  }
  const auto file_id = pictures_.file_id(p.exercise);
  if (!file_id) return upload(p, std::move(done));
  json params = p.params;
  params["photo"] = *file_id;
  api_.call_method("sendPhoto", params, [this, p, done = std::move(done)](Answer<json> a) mutable {
    if (a.error.code == 400) {  // "wrong file identifier": another bot's, or expired
      pictures_.forget(p.exercise);
      return upload(p, std::move(done));
    }
    done(outcome(a.error, p.chat_id()));
  });
}

void TelegramDeliverer::upload(const Payload& p, Done done) {
  const auto* picture = pictures_.find(p.exercise);
  api_.upload_photo(p.params, {picture->filename, picture->bytes},
                    [this, p, done = std::move(done)](Answer<Message> sent) {
                      if (!sent.error) pictures_.remember(p.exercise, sent.value.photo_file_id);
                      done(outcome(sent.error, p.chat_id()));
                    });
}

outbox::Delivery TelegramDeliverer::outcome(const CallError& error, std::int64_t chat_id) {
  if (!error) return outbox::Delivery::sent();
  if (error.blocked()) {
    blocked_.block(chat_id);
    return outbox::Delivery::gone("403 blocked");
  }
  if (error.retryable()) return outbox::Delivery::retry(error.summary(), error.retry_after);
  return outbox::Delivery::gone(error.summary());
}

}  // namespace backcoach::telegram
