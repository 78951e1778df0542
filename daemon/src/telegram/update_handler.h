#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/chat_service.h"
#include "service/event_log.h"
#include "service/rules_holder.h"
#include "store/identities.h"
#include "store/link_codes.h"
#include "store/outbox.h"
#include "store/telegram_state.h"
#include "telegram/blocked_chats.h"
#include "telegram/bot_api.h"
#include "telegram/telegram_deliverer.h"

namespace backcoach::telegram {

// What one update from Telegram means, and doing it. The chat (a private chat's id is
// the person's) is the identity ("telegram", chat id) of one of our people:
//   text            a turn of their conversation (message id: the update_id, so an update
//                   handled again after a crash is answered from the store, not re-run)
//   a button press  answered with answerCallbackQuery at once, then taken as the quick
//                   reply chosen (or /forget's yes/no)
//   /start          greets a new person (their conversation opens), welcomes back another,
//                   clears /stop; /start <code> first joins the chat to the person who
//                   made the link code in the widget (store::LinkCodes)
//   /help, /stop    the rules' texts; /stop also marks the chat (no reminders)
//   /journal        the pain journal's chart, as a photo (drawn when it is sent)
//   /forget         asks first, with two buttons; "yes" erases the person (every identity
//                   with them), and the goodbye is sent directly, their queue being gone
//   anything else   a sticker, a photo: "I can only read text"; an unknown /command: help
// Every reply goes through the outbox: a turn's with the turn (presenter.h), the others by
// Outbox::enqueue. Updates from groups and channels, and kinds not read here, are ignored.
// Texts come from rules/telegram.yaml. Nothing a person wrote is logged.
// Thread-safety: handle() from any thread; the caller (UpdateQueue) keeps one chat's
// updates in order and one at a time. Everything in Deps outlives the handler.
class UpdateHandler {
 public:
  using Clock = std::function<std::int64_t()>;  // ms since the epoch
  struct Deps {
    service::ChatService& chat;
    store::Outbox& outbox;
    store::Identities& identities;
    store::LinkCodes& links;
    store::TelegramState& state;
    BlockedChats& blocked;
    TelegramDeliverer& direct;  // for what cannot wait in the outbox
    BotApi& api;                // answerCallbackQuery
    const service::RulesHolder& rules;
    boost::asio::any_io_executor blocking;
    Clock clock;
    const service::EventLog& log;
  };
  // true: nothing more to do for the update (mark it handled); false: the store or the
  // service could not take it now, try again later.
  using Done = std::function<void(bool handled)>;

  explicit UpdateHandler(Deps deps) : d_(std::move(deps)) {}

  void handle(const Update& update, Done done);

  // The chat an update belongs to (its order key); nullopt for kinds not read here.
  static std::optional<std::int64_t> chat_of(const Update& update);

 private:
  using UserHandler = std::function<void(std::optional<std::string> user_id)>;

  void on_message(const Message& m, std::int64_t update_id, Done done);
  void on_command(std::int64_t chat, const std::string& text, std::int64_t update_id, Done done);
  void on_press(const CallbackQuery& q, std::int64_t chat, std::int64_t update_id, Done done);
  void start(std::int64_t chat, std::int64_t update_id, Done done);
  void link(std::int64_t chat, std::string code, std::int64_t update_id, Done done);
  void stop(std::int64_t chat, Done done);
  void journal(std::int64_t chat, Done done);
  void forget(std::int64_t chat, Done done);
  void turn(std::int64_t chat, service::TurnInput input, std::int64_t update_id,
            service::OutboundPresenter presenter, Done done);
  // Queues the channel's own text (rules/telegram.yaml) for the chat's person.
  void reply(std::int64_t chat, const std::string& text_id, Done done,
             const InlineKeyboard& keyboard = {});
  void enqueue(const std::string& user_id, std::vector<store::OutgoingMessage> rows, Done done);
  void identify(std::int64_t chat, UserHandler then);
  void answer_press(const CallbackQuery& q, const std::string& text);
  std::string text(const std::string& id) const;

  Deps d_;
};

}  // namespace backcoach::telegram
