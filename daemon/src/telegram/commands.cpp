// UpdateHandler's commands: /start [code], /help, /journal, /stop, /forget (update_handler.h).
#include <algorithm>
#include <boost/asio/post.hpp>

#include "telegram/buttons.h"
#include "telegram/payload.h"
#include "telegram/presenter.h"
#include "telegram/update_handler.h"

namespace backcoach::telegram {
namespace {

// The event a /start turn carries. The rules map no node to it, so the engine says
// nothing of its own: a new person gets the conversation's opening (the greeting of a
// first turn), someone who has talked before gets nothing, and is welcomed back.
constexpr char kStartEvent[] = "telegram_start";
constexpr std::size_t kMaxCodeLength = 64;  // Telegram's limit on a start parameter

// "/help@coach_bot extra" -> {"/help", "extra"}.
std::pair<std::string, std::string> split_command(const std::string& text) {
  const auto space = text.find_first_of(" \t\n");
  std::string command = text.substr(0, space);
  command = command.substr(0, command.find('@'));
  std::string rest = space == std::string::npos ? std::string() : text.substr(space + 1);
  rest.erase(0, rest.find_first_not_of(" \t\n"));
  rest.erase(rest.find_last_not_of(" \t\n") + 1);
  return {command, rest};
}

bool plausible_code(const std::string& code) {
  return !code.empty() && code.size() <= kMaxCodeLength &&
         std::all_of(code.begin(), code.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '_' || c == '-'; });
}

}  // namespace

void UpdateHandler::on_command(std::int64_t chat, const std::string& text_in,
                               std::int64_t update_id, Done done) {
  auto [command, argument] = split_command(text_in);
  if (command == "/start" && !argument.empty()) {
    return link(chat, std::move(argument), update_id, std::move(done));
  }
  if (command == "/start") return start(chat, update_id, std::move(done));
  if (command == "/help") return reply(chat, "help", std::move(done));
  if (command == "/journal") return journal(chat, std::move(done));
  if (command == "/stop") return stop(chat, std::move(done));
  if (command == "/forget") {
    return reply(chat, "forget_confirm", std::move(done),
                 forget_keyboard(text("forget_yes"), text("forget_no")));
  }
  reply(chat, "unknown_command", std::move(done));
}

void UpdateHandler::start(std::int64_t chat, std::int64_t update_id, Done done) {
  const auto& rules = d_.rules;
  auto presenter = [chat, &rules](const service::TurnReply& reply) {
    auto rows = present_reply(chat, reply, *rules.get());
    if (rows.empty()) rows = text_messages(chat, rules.get()->telegram_text("start_again"));
    return rows;
  };
  turn(chat, service::EventInput{kStartEvent, std::nullopt}, update_id, std::move(presenter),
       [this, chat, done = std::move(done)](bool handled) {
         if (!handled) return done(false);
         boost::asio::post(d_.blocking, [this, chat, done] {
           // Whatever /stop said is undone by saying hello again.
           auto cleared = d_.state.set_chat_stopped(chat, false, d_.clock());
           done(cleared.has_value() || cleared.error() == errc::not_found);
         });
       });
}

void UpdateHandler::link(std::int64_t chat, std::string code, std::int64_t update_id, Done done) {
  if (!plausible_code(code)) {
    return reply(chat, "link_failed", [this, chat, update_id, done](bool handled) {
      if (!handled) return done(false);
      start(chat, update_id, done);
    });
  }
  boost::asio::post(d_.blocking, [this, chat, code, update_id, done = std::move(done)] {
    auto linked = d_.links.redeem_link_code(code, {kChannel, std::to_string(chat)}, d_.clock());
    if (linked) {
      d_.log.info("telegram_linked");
      return enqueue(*linked, text_messages(chat, text("linked")), done);
    }
    if (linked.error() != errc::not_found) return done(false);
    reply(chat, "link_failed", [this, chat, update_id, done](bool handled) {
      if (!handled) return done(false);
      start(chat, update_id, done);
    });
  });
}

void UpdateHandler::journal(std::int64_t chat, Done done) {
  identify(chat, [this, chat, done = std::move(done)](std::optional<std::string> user) {
    if (!user) return done(false);
    enqueue(*user, {journal_chart(chat, text("journal_caption"))}, done);
  });
}

void UpdateHandler::stop(std::int64_t chat, Done done) {
  identify(chat, [this, chat, done = std::move(done)](std::optional<std::string> user) {
    if (!user) return done(false);
    boost::asio::post(d_.blocking, [this, chat, user = *user, done] {
      auto stopped = d_.state.set_chat_stopped(chat, true, d_.clock());
      if (!stopped) return done(false);
      enqueue(user, text_messages(chat, text("stopped")), done);
    });
  });
}

void UpdateHandler::forget(std::int64_t chat, Done done) {
  boost::asio::post(d_.blocking, [this, chat, done = std::move(done)] {
    auto user = d_.identities.find_identity({kChannel, std::to_string(chat)});
    if (!user) return done(false);
    const auto goodbye = text_messages(chat, text("forgotten"));
    if (!*user) return done(true);  // erased already (the same button pressed twice)
    d_.chat.erase_user(**user, [this, goodbye, done](auto erased) {
      if (!erased) return done(false);
      // The person's outbox rows went with them: say goodbye directly, once.
      for (const auto& row : goodbye) d_.direct.send_now(row, [](outbox::Delivery) {});
      done(true);
    });
  });
}

}  // namespace backcoach::telegram
