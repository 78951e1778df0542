#include "app/outbox_runtime.h"

#include <chrono>
#include <mutex>
#include <random>

namespace backcoach::app {
namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The worker draws under its own lock, so one generator serves every thread.
outbox::OutboxWorker::Random jitter_source() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

}  // namespace

std::unique_ptr<OutboxRuntime> OutboxRuntime::create(
    Deps deps, const Config& config, std::vector<net::BotCallbackDeliverer::Bot> bots) {
  auto client = outbound::HttpsClient::create(deps.ioc.get_executor(), {});
  if (!client) {
    deps.log.error("outbound_unusable", {{"error", "the system's CA certificates cannot be read"}});
    return nullptr;
  }
  return std::unique_ptr<OutboxRuntime>(
      new OutboxRuntime(deps, config, std::move(*client), std::move(bots)));
}

OutboxRuntime::OutboxRuntime(Deps deps, const Config& config,
                             std::unique_ptr<outbound::HttpsClient> client,
                             std::vector<net::BotCallbackDeliverer::Bot> bots)
    // Timestamps and JWT expiries are checked by the receiver against its own clock:
    // they use the real one, never the test offset.
    : log_(deps.log),
      metrics_(deps.metrics),
      client_(std::move(client)),
      // Signed with the real time, never a test's shifted one: the bot checks it
      // against its own clock.
      bot_callbacks_(*client_, bots, [] { return now_ms() / 1000; }),
      web_push_(*client_, deps.blocking, deps.store, deps.vapid_key, [] { return now_ms() / 1000; },
                {config.vapid_subject}),
      notifier_(deps.blocking, deps.chat, deps.store, deps.log) {
  outbox::OutboxWorker::Options options;
  options.retry = config.outbox.retry;
  options.concurrency = config.outbox.concurrency;
  worker_ = std::make_unique<outbox::OutboxWorker>(
      deps.ioc.get_executor(), deps.blocking,
      outbox::OutboxWorker::Deps{deps.store, deps.metrics, deps.log}, deps.clock, jitter_source(),
      options);
  worker_->add_deliverer("bot", bot_callbacks_);
  worker_->add_deliverer(webpush::kChannel, web_push_);
  deps.metrics.outbox_channel(webpush::kChannel);
  channels_.push_back(webpush::kChannel);
  for (const auto& bot : bots) {
    if (bot.callback_url.empty()) continue;
    const std::string channel = "bot:" + bot.id;
    deps.metrics.outbox_channel(channel);
    notifier_.add_channel(channel, [](const store::Identity& who, const std::string& event) {
      return net::bot_callback_presenter(who, event);
    });
    channels_.push_back(channel);
  }
}

void OutboxRuntime::add_channel(const std::string& channel, outbox::Deliverer& deliverer,
                                service::Notifier::PresenterFactory presenters) {
  worker_->add_deliverer(channel, deliverer);
  metrics_.outbox_channel(channel);
  notifier_.add_channel(channel, std::move(presenters));
  channels_.push_back(channel);
}

void OutboxRuntime::start() {
  worker_->start();
  log_.info("outbox_started", {{"channels", channels_}});
}

}  // namespace backcoach::app
