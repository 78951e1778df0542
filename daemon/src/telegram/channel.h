#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/origin_policy.h"
#include "net/router.h"
#include "outbound/https_client.h"
#include "service/chat_service.h"
#include "service/event_log.h"
#include "service/rules_holder.h"
#include "store/identities.h"
#include "store/link_codes.h"
#include "store/outbox.h"
#include "store/reminders.h"
#include "store/telegram_state.h"
#include "telegram/blocked_chats.h"
#include "telegram/bot_api.h"
#include "telegram/link_api.h"
#include "telegram/pictures.h"
#include "telegram/poller.h"
#include "telegram/telegram_deliverer.h"
#include "telegram/update_counters.h"
#include "telegram/update_handler.h"
#include "telegram/update_queue.h"
#include "telegram/webhook.h"

namespace backcoach::telegram {

// The Telegram channel, wired: the Bot API client, updates in by long polling or by the
// webhook route, the handler and its queue, the deliverer the outbox worker sends
// Telegram's rows with, and the widget's link routes. At start it learns the bot's
// username (getMe, tried again until it answers: the daemon serves its other channels
// meanwhile), then, polling, deletes any webhook (getUpdates is refused while one is set)
// and polls; with a webhook URL, it calls setWebhook with the secret.
// Lifetime: create, add_routes before the server starts, start, stop when draining;
// destroy after the io_context and the blocking pool have finished its work.
class Channel {
 public:
  using Clock = std::function<std::int64_t()>;  // ms since the epoch
  struct Options {
    std::string token;  // BotFather's; never logged
    std::string api_base = "https://api.telegram.org";
    bool webhook = false;        // else long polling
    std::string webhook_secret;  // required with webhook; never logged
    std::string webhook_url;     // when set, setWebhook at start
    std::string extra_ca_file;   // trusted besides the system's (tests)
    std::string pictures_dir;    // <exercise id>.png
    std::chrono::seconds poll_timeout{25};
  };
  struct Deps {
    boost::asio::any_io_executor io;
    boost::asio::any_io_executor blocking;
    service::ChatService& chat;
    store::Outbox& outbox;
    store::Identities& identities;
    store::LinkCodes& links;
    store::TelegramState& state;
    store::Reminders& reminders;  // the journal its chart is drawn from
    const service::RulesHolder& rules;
    const service::EventLog& log;
    Clock clock;
    service::Registry& metrics;
  };

  // Builds it; reads the pictures and the blocked chats (disk and database: call at
  // start, off the I/O threads). errc::invalid_argument for a token or API base that
  // cannot make a URL, or webhook mode without a secret; `why` says which.
  static result<std::unique_ptr<Channel>> create(Deps deps, Options options, std::string* why);

  // The webhook (webhook mode) and the link routes, into `router`; the link routes answer
  // CORS for `origins` (net/cors.h), which must outlive them.
  void add_routes(net::Router& router, const net::OriginPolicy& origins);
  void start();
  void stop();

  // For the outbox worker: sends rows whose channel is "telegram".
  outbox::Deliverer& deliverer() { return *deliverer_; }
  // For the Notifier: the presenter of a message the daemon starts (a check-in) to the
  // chat of `identity` ("telegram", chat id); an empty one when it is not to be sent (the
  // chat sent /stop or blocked the bot). Reads the store: call on a blocking thread.
  service::OutboundPresenter started_presenter(const store::Identity& identity) const;
  const BotName& bot_name() const { return bot_name_; }

 private:
  Channel(Deps deps, Options options);
  result<void> build(std::string* why);
  void learn_name();
  void begin();
  void set_webhook();
  void later(std::function<void()> then);

  Deps d_;
  Options options_;
  std::unique_ptr<outbound::HttpsClient> client_;
  std::unique_ptr<BotApi> api_;
  std::unique_ptr<Pictures> pictures_;
  std::unique_ptr<BlockedChats> blocked_;
  std::unique_ptr<TelegramDeliverer> deliverer_;
  std::unique_ptr<UpdateHandler> handler_;
  std::unique_ptr<UpdateQueue> queue_;
  std::unique_ptr<Poller> poller_;    // polling only
  std::unique_ptr<Webhook> webhook_;  // webhook only
  std::unique_ptr<LinkApi> links_;
  UpdateCounters counters_;
  BotName bot_name_;
  boost::asio::steady_timer timer_;
  int failures_ = 0;
  std::atomic<bool> stopped_{false};
};

}  // namespace backcoach::telegram
