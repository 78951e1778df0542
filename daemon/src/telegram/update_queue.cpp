#include "telegram/update_queue.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

namespace backcoach::telegram {

void UpdateQueue::push(const std::vector<store::TelegramUpdate>& updates) {
  std::vector<std::int64_t> to_start;
  for (const auto& kept : updates) {
    auto update = read_update(kept.body);
    const auto chat = update ? UpdateHandler::chat_of(*update) : std::nullopt;
    if (!chat) {  // nothing we read: done with it
      d_.counters.handled.inc();
      mark_handled(kept.update_id, [] {});
      continue;
    }
    std::lock_guard lock(mu_);
    auto& queue = chats_[*chat];
    queue.push_back({kept.update_id, std::move(*update), 0});
    if (queue.size() == 1) to_start.push_back(*chat);
  }
  for (const auto chat : to_start) start(chat);
}

void UpdateQueue::stop() {
  std::lock_guard lock(mu_);
  stopped_ = true;
}

std::size_t UpdateQueue::waiting() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& [chat, queue] : chats_) n += queue.size();
  return n;
}

void UpdateQueue::start(std::int64_t chat) {
  Update update;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    auto& item = chats_.at(chat).front();
    ++item.attempts;
    update = item.update;
  }
  d_.handler.handle(update, [this, chat](bool handled) { finished(chat, handled); });
}

void UpdateQueue::finished(std::int64_t chat, bool handled) {
  std::int64_t update_id = 0;
  int attempts = 0;
  {
    std::lock_guard lock(mu_);
    const auto& item = chats_.at(chat).front();
    update_id = item.update_id;
    attempts = item.attempts;
  }
  if (!handled && attempts < options_.max_attempts) {
    auto timer =
        std::make_shared<boost::asio::steady_timer>(d_.io, options_.retry_pause * attempts);
    timer->async_wait([this, chat, timer](boost::system::error_code ec) {
      if (!ec) start(chat);
    });
    return;
  }
  if (!handled) {
    d_.log.error("telegram_update_dropped", {{"update_id", update_id}, {"attempts", attempts}});
  }
  (handled ? d_.counters.handled : d_.counters.dropped).inc();
  mark_handled(update_id, [this, chat] { next(chat); });
}

void UpdateQueue::mark_handled(std::int64_t update_id, std::function<void()> then) {
  boost::asio::post(d_.blocking, [this, update_id, then = std::move(then)] {
    auto marked = d_.state.mark_handled(d_.bot_id, update_id, d_.clock());
    // Left pending, it is handled again after a restart: a turn is answered from the
    // store then; a command's reply may be sent twice.
    if (!marked) d_.log.error("telegram_update_unmarked", {{"error", marked.error().message()}});
    then();
  });
}

void UpdateQueue::next(std::int64_t chat) {
  {
    std::lock_guard lock(mu_);
    auto& queue = chats_.at(chat);
    queue.pop_front();
    if (queue.empty()) {
      chats_.erase(chat);
      return;
    }
  }
  start(chat);
}

}  // namespace backcoach::telegram
