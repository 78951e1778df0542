#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/config.h"
#include "net/bot_callback.h"
#include "outbound/https_client.h"
#include "outbox/outbox_worker.h"
#include "service/chat_service.h"
#include "service/daemon_metrics.h"
#include "service/event_log.h"
#include "service/notifier.h"
#include "store/store.h"
#include "webpush/ec_key.h"
#include "webpush/push_deliverer.h"

namespace backcoach::app {

// What the daemon sends out by itself, wired: the HTTPS client, a deliverer per
// channel (bots' callbacks, Web Push), the outbox worker, and the Notifier through which
// messages the daemon starts (check-ins) are run and owed to a person's channels.
//
// Threads and lifetime: as OutboxWorker. The daemon stops it (stop()) once its
// io_context runs no more, and destroys it after that io_context, before the store.
class OutboxRuntime {
 public:
  struct Deps {
    boost::asio::io_context& ioc;
    boost::asio::any_io_executor blocking;
    store::Store& store;
    service::ChatService& chat;
    service::DaemonMetrics& metrics;
    const service::EventLog& log;
    const webpush::EcKey& vapid_key;  // Web Push's; must outlive the runtime
    // The daemon's clock (ms, with --test-clock-offset), which times the rows the turns
    // queue: the worker must read it too, or shifted rows would never fall due.
    outbox::OutboxWorker::Clock clock;
  };

  // nullptr (after logging why) when the system's trust store cannot be loaded.
  static std::unique_ptr<OutboxRuntime> create(Deps deps, const Config& config,
                                               std::vector<net::BotCallbackDeliverer::Bot> bots);

  // Another channel's deliverer, and the presenters of the messages the daemon starts
  // for the people on it (Telegram). Before start() only.
  void add_channel(const std::string& channel, outbox::Deliverer& deliverer,
                   service::Notifier::PresenterFactory presenters);

  void start();
  void wake() { worker_->wake(); }  // any thread
  void stop() { worker_->stop(); }

  // For messages the daemon starts (the coaching scheduler's check-ins).
  service::Notifier& notifier() { return notifier_; }

 private:
  OutboxRuntime(Deps deps, const Config& config, std::unique_ptr<outbound::HttpsClient> client,
                std::vector<net::BotCallbackDeliverer::Bot> bots);

  const service::EventLog& log_;
  service::DaemonMetrics& metrics_;
  std::unique_ptr<outbound::HttpsClient> client_;
  net::BotCallbackDeliverer bot_callbacks_;
  webpush::PushDeliverer web_push_;
  std::unique_ptr<outbox::OutboxWorker> worker_;
  service::Notifier notifier_;
  std::vector<std::string> channels_;  // served by a deliverer, for the start-up log
};

}  // namespace backcoach::app
