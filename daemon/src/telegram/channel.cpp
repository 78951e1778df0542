#include "telegram/channel.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <charconv>

#include "telegram/journal_png.h"
#include "telegram/presenter.h"

namespace backcoach::telegram {
namespace {

const std::vector<std::string> kAllowedUpdates = {"message", "callback_query"};
constexpr std::chrono::seconds kLongestPause{60};

}  // namespace

Channel::Channel(Deps deps, Options options)
    : d_(std::move(deps)), options_(std::move(options)), counters_(d_.metrics), timer_(d_.io) {}

result<std::unique_ptr<Channel>> Channel::create(Deps deps, Options options, std::string* why) {
  std::unique_ptr<Channel> channel(new Channel(std::move(deps), std::move(options)));
  if (auto built = channel->build(why); !built) return built.error();
  return channel;
}

result<void> Channel::build(std::string* why) {
  const auto fail = [why](std::string text, errc e) {
    if (why != nullptr) *why = std::move(text);
    return make_error_code(e);
  };
  if (options_.webhook && options_.webhook_secret.empty()) {
    return fail("webhook mode needs a secret (--telegram-webhook-secret-file)",
                errc::invalid_argument);
  }
  outbound::ClientOptions client_options;
  client_options.extra_ca_file = options_.extra_ca_file;
  auto client = outbound::HttpsClient::create(d_.io, client_options);
  if (!client)
    return fail("cannot read the CA file " + options_.extra_ca_file, errc::invalid_argument);
  client_ = std::move(*client);
  auto api = BotApi::create(*client_, options_.api_base, options_.token);
  if (!api) {
    return fail(
        "the token or the API base cannot make a Bot API URL (https://…, or http:// to "
        "127.0.0.1 or [::1] only)",
        errc::invalid_argument);
  }
  api_ = std::move(*api);
  auto pictures = Pictures::load(options_.pictures_dir, d_.rules.get()->exercise_ids(),
                                 api_->bot_id(), {d_.state, d_.blocking, d_.clock, d_.log});
  auto blocked = BlockedChats::load(d_.state, d_.blocking, d_.clock, d_.log);
  if (!pictures || !blocked) return fail("cannot read the channel's state", errc::storage_error);
  pictures_ = std::move(*pictures);
  for (const auto& id : pictures_->missing()) {
    d_.log.warn("telegram_picture_missing", {{"exercise", id}, {"dir", options_.pictures_dir}});
  }
  blocked_ = std::move(*blocked);
  deliverer_ = std::make_unique<TelegramDeliverer>(*api_, *pictures_, *blocked_,
                                                   journal_charts(d_.reminders, d_.blocking));
  handler_ = std::make_unique<UpdateHandler>(
      UpdateHandler::Deps{d_.chat, d_.outbox, d_.identities, d_.links, d_.state, *blocked_,
                          *deliverer_, *api_, d_.rules, d_.blocking, d_.clock, d_.log});
  queue_ =
      std::make_unique<UpdateQueue>(UpdateQueue::Deps{*handler_, d_.state, api_->bot_id(), d_.io,
                                                      d_.blocking, d_.clock, d_.log, counters_},
                                    UpdateQueue::Options{});
  if (options_.webhook) {
    webhook_ = std::make_unique<Webhook>(
        Webhook::Deps{d_.state, *queue_, api_->bot_id(), d_.blocking, d_.clock, d_.log, counters_},
        options_.webhook_secret);
  } else {
    Poller::Options poll;
    poll.timeout = options_.poll_timeout;
    poller_ = std::make_unique<Poller>(
        Poller::Deps{*api_, d_.state, *queue_, d_.io, d_.blocking, d_.clock, d_.log, counters_},
        poll);
  }
  return {};
}

service::OutboundPresenter Channel::started_presenter(const store::Identity& identity) const {
  const auto& id = identity.external_id;
  std::int64_t chat = 0;
  if (std::from_chars(id.data(), id.data() + id.size(), chat).ec != std::errc{}) return {};
  if (blocked_->blocked(chat)) return {};
  // /stop: no reminders. A chat whose marks cannot be read is not disturbed either:
  // one check-in missed is better than one to a person who asked for none.
  const auto marks = d_.state.chat(chat);
  if (!marks) {
    d_.log.error("store_failed",
                 {{"operation", "telegram_chat"}, {"error", marks.error().message()}});
    return {};
  }
  if (marks->stopped || marks->blocked) return {};
  return presenter_for(chat, d_.rules);
}

void Channel::add_routes(net::Router& router, const net::OriginPolicy& origins) {
  if (webhook_) webhook_->add_routes(router);
  links_ = std::make_unique<LinkApi>(
      LinkApi::Deps{d_.chat, d_.links, bot_name_, origins, d_.blocking, d_.clock, d_.log});
  links_->add_routes(router);
}

void Channel::start() {
  d_.log.info("telegram_started",
              {{"mode", options_.webhook ? "webhook" : "polling"}, {"api", options_.api_base}});
  // What was received before a restart and not handled goes first, in either mode.
  if (webhook_) {
    boost::asio::post(d_.blocking, [this] {
      if (auto pending = d_.state.pending_updates(api_->bot_id()); pending && !pending->empty()) {
        queue_->push(*pending);
      }
    });
  }
  learn_name();
}

void Channel::stop() {
  stopped_ = true;
  if (poller_) poller_->stop();
  queue_->stop();
  boost::asio::post(d_.io, [this] { timer_.cancel(); });
}

void Channel::learn_name() {
  api_->get_me([this](Answer<BotUser> me) {
    if (me.error) {
      d_.log.warn("telegram_unreachable", {{"call", "getMe"}, {"error", me.error.summary()}});
      return later([this] { learn_name(); });
    }
    failures_ = 0;
    bot_name_.set(me.value.username);
    d_.log.info("telegram_bot", {{"username", me.value.username}});
    begin();
  });
}

void Channel::begin() {
  if (webhook_) {
    if (!options_.webhook_url.empty()) set_webhook();
    return;
  }
  api_->delete_webhook([this](Answer<bool> dropped) {
    if (dropped.error) {
      d_.log.warn("telegram_unreachable",
                  {{"call", "deleteWebhook"}, {"error", dropped.error.summary()}});
    }
    poller_->start();
  });
}

void Channel::set_webhook() {
  SetWebhook call{options_.webhook_url, options_.webhook_secret, kAllowedUpdates};
  api_->set_webhook(call, [this](Answer<bool> set) {
    if (set.error) {
      d_.log.warn("telegram_unreachable", {{"call", "setWebhook"}, {"error", set.error.summary()}});
      return later([this] { set_webhook(); });
    }
    d_.log.info("telegram_webhook_set", {{"url", options_.webhook_url}});
  });
}

void Channel::later(std::function<void()> then) {
  const auto wait = std::min<std::chrono::seconds>(
      std::chrono::seconds(1LL << std::min(failures_++, 6)), kLongestPause);
  boost::asio::post(d_.io, [this, wait, then = std::move(then)]() mutable {
    timer_.expires_after(wait);
    timer_.async_wait([this, then = std::move(then)](boost::system::error_code ec) {
      if (!ec && !stopped_) then();
    });
  });
}

}  // namespace backcoach::telegram
