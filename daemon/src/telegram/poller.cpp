#include "telegram/poller.h"

#include <algorithm>
#include <boost/asio/post.hpp>

namespace backcoach::telegram {

namespace {

const std::vector<std::string> kAllowedUpdates = {"message", "callback_query"};

}  // namespace

Poller::Poller(Deps deps, Options options)
    : d_(std::move(deps)), options_(options), bot_id_(d_.api.bot_id()), timer_(d_.io) {}

void Poller::start() {
  boost::asio::post(d_.blocking, [this] { resume(); });
}

void Poller::stop() {
  stopped_ = true;
  boost::asio::post(d_.io, [this] { timer_.cancel(); });
}

void Poller::resume() {
  auto offset = d_.state.polling_offset(bot_id_);
  auto pending = d_.state.pending_updates(bot_id_);
  if (!offset || !pending) {
    d_.log.error("telegram_resume_failed",
                 {{"error", (!offset ? offset.error() : pending.error()).message()}});
    return pause(std::nullopt, [this] { start(); });
  }
  offset_ = *offset;
  if (!pending->empty()) {
    d_.log.info("telegram_updates_resumed", {{"updates", pending->size()}});
    d_.queue.push(*pending);
  }
  poll();
}

void Poller::poll() {
  if (stopped_) return;
  GetUpdates call{offset_, options_.timeout, kAllowedUpdates, 100};
  d_.api.get_updates(call,
                     [this](Answer<std::vector<Update>> answer) { on_answer(std::move(answer)); });
}

void Poller::on_answer(Answer<std::vector<Update>> answer) {
  if (stopped_) return;
  if (answer.error) {
    d_.log.warn("telegram_poll_failed",
                {{"error", answer.error.summary()},
                 {"hint", answer.error.code == 409 ? "a webhook is set for this bot"
                                                   : "the Bot API did not answer as expected"}});
    return pause(answer.error.retry_after, [this] { poll(); });
  }
  failures_ = 0;
  if (answer.value.empty()) return poll();
  boost::asio::post(d_.blocking, [this, updates = std::move(answer.value)]() mutable {
    record(std::move(updates));
  });
}

void Poller::record(std::vector<Update> updates) {
  std::int64_t next = offset_;
  std::vector<store::TelegramUpdate> kept;
  for (const auto& u : updates) {
    next = std::max(next, u.update_id + 1);
    kept.push_back({u.update_id, to_json(u)});
  }
  auto fresh = d_.state.receive_updates(bot_id_, kept, next, d_.clock());
  if (!fresh) {
    // Not recorded, the offset stays: Telegram sends the same batch again.
    d_.log.error("telegram_updates_unrecorded", {{"error", fresh.error().message()}});
    return pause(std::nullopt, [this] { poll(); });
  }
  offset_ = next;
  d_.counters.received.inc(fresh->size());
  d_.counters.repeated.inc(kept.size() - fresh->size());
  d_.queue.push(*fresh);
  poll();
}

void Poller::pause(std::optional<std::chrono::seconds> at_least, std::function<void()> then) {
  ++failures_;
  auto wait = options_.first_pause * (1LL << std::min(failures_ - 1, 16));
  wait = std::min<std::chrono::milliseconds>(wait, options_.longest_pause);
  if (at_least) wait = std::max<std::chrono::milliseconds>(wait, *at_least);
  boost::asio::post(d_.io, [this, wait, then = std::move(then)]() mutable {
    timer_.expires_after(wait);
    timer_.async_wait([this, then = std::move(then)](boost::system::error_code ec) {
      if (!ec && !stopped_) then();
    });
  });
}

}  // namespace backcoach::telegram
