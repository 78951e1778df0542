#include "telegram/blocked_chats.h"

#include <boost/asio/post.hpp>

namespace backcoach::telegram {

result<std::unique_ptr<BlockedChats>> BlockedChats::load(store::TelegramState& state,
                                                         boost::asio::any_io_executor blocking,
                                                         Clock clock,
                                                         const service::EventLog& log) {
  auto kept = state.blocked_chats();
  if (!kept) return kept.error();
  std::unique_ptr<BlockedChats> b(
      new BlockedChats(state, std::move(blocking), std::move(clock), log));
  b->chats_.insert(kept->begin(), kept->end());
  return b;
}

bool BlockedChats::blocked(std::int64_t chat_id) const {
  std::lock_guard lock(mu_);
  return chats_.count(chat_id) != 0;
}

void BlockedChats::block(std::int64_t chat_id) {
  {
    std::lock_guard lock(mu_);
    if (!chats_.insert(chat_id).second) return;
  }
  save(chat_id, true);
}

void BlockedChats::unblock(std::int64_t chat_id) {
  {
    std::lock_guard lock(mu_);
    if (chats_.erase(chat_id) == 0) return;
  }
  save(chat_id, false);
}

void BlockedChats::save(std::int64_t chat_id, bool blocked) {
  boost::asio::post(blocking_, [this, chat_id, blocked] {
    auto saved = state_.set_chat_blocked(chat_id, blocked, clock_());
    // not_found: the person was erased meanwhile, and the mark with them.
    if (!saved && saved.error() != errc::not_found) {
      log_.warn("telegram_chat_mark_unsaved", {{"error", saved.error().message()}});
    }
  });
}

}  // namespace backcoach::telegram
