// UpdateHandler: dispatch, turns and replies; the commands are in commands.cpp.
#include "telegram/update_handler.h"

#include <boost/asio/post.hpp>

#include "telegram/buttons.h"
#include "telegram/payload.h"
#include "telegram/presenter.h"

namespace backcoach::telegram {

std::optional<std::int64_t> UpdateHandler::chat_of(const Update& update) {
  if (update.message) return update.message->chat_id;
  if (const auto& q = update.callback_query) {
    // Without the message (inline mode, never ours) a private chat's id is the sender's.
    return q->message ? q->message->chat_id : q->from_id;
  }
  return std::nullopt;
}

void UpdateHandler::handle(const Update& update, Done done) {
  if (update.message) return on_message(*update.message, update.update_id, std::move(done));
  if (update.callback_query) {
    const auto& q = *update.callback_query;
    if (q.message && !q.message->chat_type.empty() && q.message->chat_type != "private") {
      answer_press(q, {});
      return done(true);
    }
    return on_press(q, *chat_of(update), update.update_id, std::move(done));
  }
  done(true);  // a kind we do not read (edited messages, members, …)
}

void UpdateHandler::on_message(const Message& m, std::int64_t update_id, Done done) {
  // A coach for one person at a time: a group or channel would show them to others.
  if (!m.chat_type.empty() && m.chat_type != "private") {
    d_.log.debug("telegram_update_ignored", {{"update_id", update_id}, {"why", m.chat_type}});
    return done(true);
  }
  d_.blocked.unblock(m.chat_id);  // a message from them: they no longer block the bot
  if (m.text.empty()) return reply(m.chat_id, "not_text", std::move(done));
  if (m.text.front() == '/') return on_command(m.chat_id, m.text, update_id, std::move(done));
  turn(m.chat_id, service::TextInput{m.text}, update_id, presenter_for(m.chat_id, d_.rules),
       std::move(done));
}

void UpdateHandler::on_press(const CallbackQuery& q, std::int64_t chat, std::int64_t update_id,
                             Done done) {
  d_.blocked.unblock(chat);
  const Press press = read_press(q);
  switch (press.kind) {
    case Press::Kind::choice:
      answer_press(q, {});
      return turn(chat, service::ChoiceInput{press.choice}, update_id,
                  presenter_for(chat, d_.rules), std::move(done));
    case Press::Kind::forget_yes:
      answer_press(q, {});
      return forget(chat, std::move(done));
    case Press::Kind::forget_no:
      answer_press(q, {});
      return reply(chat, "forget_kept", std::move(done));
    case Press::Kind::unreadable:
      break;
  }
  answer_press(q, text("button_expired"));
  done(true);
}

void UpdateHandler::turn(std::int64_t chat, service::TurnInput input, std::int64_t update_id,
                         service::OutboundPresenter presenter, Done done) {
  identify(chat, [this, input = std::move(input), update_id, presenter = std::move(presenter),
                  done = std::move(done)](std::optional<std::string> user) mutable {
    if (!user) return done(false);
    service::TurnRequest request{*user, kChannel, std::move(input), std::to_string(update_id),
                                 std::move(presenter)};
    d_.chat.say(std::move(request), [done = std::move(done)](auto reply) {
      // A failed turn committed nothing: the same update is tried again later.
      done(reply.has_value());
    });
  });
}

void UpdateHandler::reply(std::int64_t chat, const std::string& text_id, Done done,
                          const InlineKeyboard& keyboard) {
  identify(chat, [this, chat, text_id, keyboard,
                  done = std::move(done)](std::optional<std::string> user) mutable {
    if (!user) return done(false);
    auto rows = keyboard.empty() ? text_messages(chat, text(text_id))
                                 : std::vector{text_message(chat, text(text_id), keyboard)};
    enqueue(*user, std::move(rows), std::move(done));
  });
}

void UpdateHandler::enqueue(const std::string& user_id, std::vector<store::OutgoingMessage> rows,
                            Done done) {
  boost::asio::post(
      d_.blocking, [this, user_id, rows = std::move(rows), done = std::move(done)]() mutable {
        auto queued = d_.outbox.enqueue(user_id, rows, d_.clock());
        if (!queued) d_.log.error("telegram_reply_unqueued", {{"error", queued.error().message()}});
        done(queued.has_value());
      });
}

void UpdateHandler::identify(std::int64_t chat, UserHandler then) {
  d_.chat.identify(kChannel, std::to_string(chat), [then = std::move(then)](auto user) {
    then(user.has_value() ? std::optional<std::string>(*user) : std::nullopt);
  });
}

void UpdateHandler::answer_press(const CallbackQuery& q, const std::string& notice) {
  // Stops the button's spinner; a lost answer only leaves it spinning a while.
  d_.api.answer_callback_query({q.id, notice}, [this](Answer<bool> answered) {
    if (answered.error) {
      d_.log.warn("telegram_callback_unanswered", {{"error", answered.error.summary()}});
    }
  });
}

std::string UpdateHandler::text(const std::string& id) const {
  return d_.rules.get()->telegram_text(id);
}

}  // namespace backcoach::telegram
