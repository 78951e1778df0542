#pragma once

#include "outbox/deliverer.h"
#include "telegram/blocked_chats.h"
#include "telegram/bot_api.h"
#include "telegram/payload.h"
#include "telegram/pictures.h"

namespace backcoach::telegram {

// Performs one Telegram outbox row (payload.h) through the Bot API and says what came of
// it: ok → sent; 429 → retry after Telegram's retry_after; no answer or a 5xx → retry;
// 403 (the person blocked the bot) → gone, and the chat is marked blocked so nothing more
// is sent to it; any other refusal → gone. An exercise photo is uploaded the first time
// and sent by the file_id from that answer after; a file_id Telegram refuses is dropped
// and the picture uploaded again at once. A chart (the pain journal's) is drawn for the
// row's person by `charts` when it is sent and uploaded each time; a person with no chart
// to draw (erased meanwhile) or a chart that cannot be drawn drops the row. Reasons name
// no text, token or chat.
// Thread-safety: deliver() from any thread, concurrently. Everything it was given must
// outlive the sends it starts.
class TelegramDeliverer final : public outbox::Deliverer {
 public:
  // Draws a person's chart as PNG bytes, answering once on any thread; errc::not_found
  // when there is no such person.
  using ChartSource =
      std::function<void(const std::string& user_id, std::function<void(result<std::string>)>)>;

  TelegramDeliverer(BotApi& api, Pictures& pictures, BlockedChats& blocked, ChartSource charts)
      : api_(api), pictures_(pictures), blocked_(blocked), charts_(std::move(charts)) {}

  void deliver(const store::QueuedMessage& message, Done done) override;
  // The same for a message that is not in the outbox (the answer to /forget, whose
  // person and queue are gone by then).
  void send_now(const store::OutgoingMessage& message, Done done);

 private:
  void send_photo(const Payload& p, Done done);
  void upload(const Payload& p, Done done);
  void send_chart(const Payload& p, const std::string& user_id, Done done);
  // What a call's error means for the row, marking a blocked chat.
  outbox::Delivery outcome(const CallError& error, std::int64_t chat_id);

  BotApi& api_;
  Pictures& pictures_;
  BlockedChats& blocked_;
  ChartSource charts_;
};

}  // namespace backcoach::telegram
