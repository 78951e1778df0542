#include "app/daemon.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <csignal>
#include <memory>
#include <ostream>
#include <thread>
#include <vector>

#include "app/checkin_delivery.h"
#include "app/outbox_runtime.h"
#include "app/startup_loads.h"
#include "app/systemd_notifier.h"
#include "app/telegram_setup.h"
#include "app/web_push_presenters.h"
#include "coach/checkin_scheduler.h"
#include "coach/reminder_service.h"
#include "coach/turn_coaching.h"
#include "common/base64url.h"
#include "dialogue/rule_set.h"
#include "net/bot_api.h"
#include "net/push_api.h"
#include "net/reminder_api.h"
#include "net/routine_api.h"
#include "net/server.h"
#include "net/static_files.h"
#include "service/conversation_service.h"
#include "service/daemon_metrics.h"
#include "service/event_log.h"
#include "service/metrics.h"
#include "service/retention_sweeper.h"
#include "service/rules_holder.h"
#include "service/token_signer.h"
#include "store/sqlite_store.h"
#include "webpush/subscriptions.h"
#include "webpush/vapid.h"

namespace backcoach::app {
namespace {

namespace asio = boost::asio;

// The longest teardown waits for aborted sessions to finish their handlers.
constexpr std::chrono::seconds kFinishTimeout{2};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t now_seconds() { return now_ms() / 1000; }

// Everything the daemon holds while it runs. Sessions use the service, server,
// metrics and store, and their handlers live in the io_context: teardown() aborts
// the sessions still open and runs the io_context until they have ended, while
// everything they use still exists, and only then releases the rest.
struct Runtime {
  Runtime(const Config& c, const service::EventLog& l) : config(c), log(l), metrics(registry) {}

  bool start(std::ostream& out);
  bool start_telegram();
  void start_retention();
  void start_coaching();
  std::int64_t now() const { return now_ms() + clock_offset_ms; }
  void wait_for_signal();
  void on_signal(int signal);
  void stop_now();
  void reload();
  void check_examples_in_background();
  void teardown();

  const Config& config;
  const service::EventLog& log;
  service::Registry registry;
  service::DaemonMetrics metrics;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<service::RulesHolder> rules;
  std::unique_ptr<service::TokenSigner> signer;
  std::unique_ptr<webpush::EcKey> vapid_key;
  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<asio::thread_pool> blocking;
  std::unique_ptr<service::ConversationService> service;
  std::unique_ptr<net::BotApi> bot_api;  // before the server, whose routes call it
  std::unique_ptr<OutboxRuntime> outbox;
  std::atomic<OutboxRuntime*> outbox_to_wake{nullptr};  // the store's hook reads it
  std::atomic<bool> stop_examples{false};               // teardown: the check ends early
  std::unique_ptr<telegram::Channel> telegram;          // null unless configured
  std::unique_ptr<net::Server> server;
  std::unique_ptr<service::RetentionSweeper> retention;  // null when --retention-days is 0
  std::unique_ptr<coach::ReminderService> reminders;
  std::unique_ptr<net::ReminderApi> reminder_api;
  std::unique_ptr<coach::RoutineService> routines;
  std::unique_ptr<net::RoutineApi> routine_api;
  std::unique_ptr<webpush::Subscriptions> push_subscriptions;
  std::unique_ptr<net::PushApi> push_api;
  std::unique_ptr<CheckinDelivery> delivery;
  std::unique_ptr<coach::CheckinScheduler> scheduler;
  std::int64_t clock_offset_ms = 0;  // --test-clock-offset (tests only)
  std::unique_ptr<asio::signal_set> signals;
  std::unique_ptr<asio::steady_timer> deadline;
  std::unique_ptr<SystemdNotifier> notifier;
  bool draining = false;
};

// Each connection is a descriptor: lift the soft open-file limit towards the hard one
// so that --max-connections, not a shell's default of 1,024, is what caps them.
void raise_open_file_limit(std::size_t wanted, const service::EventLog& log) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted) return;
  const rlim_t target = std::min<rlim_t>(limit.rlim_max, static_cast<rlim_t>(wanted));
  if (target <= limit.rlim_cur) return;
  limit.rlim_cur = target;
  if (setrlimit(RLIMIT_NOFILE, &limit) == 0) {
    log.info("open_file_limit_raised", {{"limit", static_cast<std::uint64_t>(target)}});
  }
}

// The address as a URL writes it: "[::1]" for IPv6. Appended piece by piece: GCC 12
// at -O2 warns (-Wrestrict, a false positive) about "[" + std::string.
std::string url_host(const asio::ip::address& address) {
  std::string host;
  if (address.is_v6()) host += '[';
  host += address.to_string();
  if (address.is_v6()) host += ']';
  return host;
}

bool Runtime::start(std::ostream& out) {
  raise_open_file_limit(config.limits.max_connections + 256, log);
  // Past a file size limit (ulimit -f, systemd's LimitFSIZE=) the kernel sends SIGXFSZ,
  // which would kill the daemon; ignored, the write fails with EFBIG and the store
  // treats it as a full disk (turns refused with not_ready, /readyz 503) until space returns.
  std::signal(SIGXFSZ, SIG_IGN);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(config.listen_host, ec);
  if (ec) {
    log.error("listen_address_invalid", {{"host", config.listen_host}});
    return false;
  }
  ioc = std::make_unique<asio::io_context>(static_cast<int>(config.threads));
  blocking = std::make_unique<asio::thread_pool>(config.blocking_threads);
  const auto clock = [this] { return now(); };
  service::ConversationService::Options options;
  options.history_limit = config.history_limit;
  options.coaching = coach::TurnCoaching(clock);
  service = std::make_unique<service::ConversationService>(
      ioc->get_executor(), blocking->get_executor(), *store, *store, *rules, *signer, metrics, log,
      clock, options);
  reminders =
      std::make_unique<coach::ReminderService>(blocking->get_executor(), *store, *store, clock);
  reminder_api = std::make_unique<net::ReminderApi>(*service, *reminders);
  routines = std::make_unique<coach::RoutineService>(blocking->get_executor(), *store, *rules);
  routine_api = std::make_unique<net::RoutineApi>(*service, *routines);
  push_subscriptions =
      std::make_unique<webpush::Subscriptions>(blocking->get_executor(), *store, clock);
  push_api = std::make_unique<net::PushApi>(*service, *push_subscriptions,
                                            base64url_encode(vapid_key->public_point()));
  auto bots = load_bots(config, log);
  if (!bots) return false;
  outbox = OutboxRuntime::create(
      {*ioc, blocking->get_executor(), *store, *service, metrics, log, *vapid_key, clock}, config,
      *bots);
  if (!outbox) return false;
  outbox_to_wake = outbox.get();
  net::BotApi::Limits bot_limits;
  bot_limits.max_text_chars = config.limits.decode.max_text_chars;
  std::vector<net::BotApi::Bot> api_bots;
  for (auto& bot : *bots) api_bots.push_back({bot.id, std::move(bot.key)});
  bot_api = std::make_unique<net::BotApi>(*service, std::move(api_bots), now_seconds, bot_limits);
  net::Server::Deps deps{*ioc, *service, metrics, log};
  server = std::make_unique<net::Server>(deps, config.limits, config.allow_origins,
                                         load_web_root(config, log));
  bot_api->add_routes(server->routes());
  reminder_api->add_routes(server->routes(), server->origins());
  routine_api->add_routes(server->routes(), server->origins());
  push_api->add_routes(server->routes(), server->origins());
  // Web Push's deliverer is the outbox's own; who is owed a notification depends on
  // the open widgets, so its presenters are added once the server exists.
  outbox->notifier().add_person_channel(webpush::kChannel,
                                        web_push_presenters(*server, *store, *rules));
  if (!start_telegram()) return false;
  auto bound = server->listen({address, config.listen_port});
  if (bound.has_error()) {
    log.error("listen_failed", {{"address", config.listen_host},
                                {"port", config.listen_port},
                                {"error", bound.error().message()}});
    server->drain([] {});
    return false;
  }
  server->start();
  outbox->start();
  start_retention();
  start_coaching();
  signals = std::make_unique<asio::signal_set>(*ioc, SIGINT, SIGTERM, SIGHUP);
  deadline = std::make_unique<asio::steady_timer>(*ioc);
  notifier = std::make_unique<SystemdNotifier>(ioc->get_executor());
  wait_for_signal();
  const auto host = url_host(bound->address());
  log.info("listening", {{"address", host}, {"port", bound->port()}, {"threads", config.threads}});
  const std::string url = "http://" + host + ":" + std::to_string(bound->port());
  out << "backcoachd listening on " << url << std::endl;
  notifier->ready("listening on " + url);
  notifier->start_watchdog();
  return true;
}

// Telegram's deliverer and the presenters of the messages the daemon starts go to the
// outbox, its routes to the server; it starts talking to Telegram at once (getMe, then
// polling or setWebhook), before the server listens: updates wait in the database.
bool Runtime::start_telegram() {
  if (!config.telegram.enabled()) return true;
  telegram = make_telegram_channel(
      config.telegram, config.web_root,
      {ioc->get_executor(), blocking->get_executor(), *service, *store, *store, *store, *store,
       *store, *rules, log, [this] { return now(); }, registry});
  if (!telegram) return false;
  outbox->add_channel(telegram::kChannel, telegram->deliverer(),
                      [channel = telegram.get()](const store::Identity& who, const std::string&) {
                        return channel->started_presenter(who);
                      });
  telegram->add_routes(server->routes(), server->origins());
  telegram->start();
  return true;
}

void Runtime::start_retention() {
  if (config.retention_days <= 0) return;
  service::RetentionSweeper::Options options;
  options.days = config.retention_days;
  retention = std::make_unique<service::RetentionSweeper>(
      ioc->get_executor(), blocking->get_executor(), *store, [this] { return now(); },
      metrics.retention_deleted(), log, options);
  retention->start();
}

void Runtime::start_coaching() {
  delivery = std::make_unique<CheckinDelivery>(*server, outbox->notifier());
  coach::CheckinScheduler::Options options;
  options.interval =
      std::chrono::milliseconds(static_cast<std::int64_t>(config.checkin_interval * 1000));
  options.quiet = coach::QuietHours::parse(config.quiet_hours).value_or(coach::QuietHours{});
  scheduler = std::make_unique<coach::CheckinScheduler>(
      ioc->get_executor(), blocking->get_executor(), *store, *service, *rules, *delivery,
      [this] { return now(); }, log, options);
  scheduler->start();
}

void Runtime::wait_for_signal() {
  signals->async_wait([this](boost::system::error_code ec, int signal) {
    if (ec) return;
    on_signal(signal);
    wait_for_signal();
  });
}

void Runtime::on_signal(int signal) {
  if (signal == SIGHUP) {
    asio::post(*blocking, [this] { reload(); });
    return;
  }
  if (draining) {
    log.warn("stop_now", {{"signal", signal}});  // a second SIGTERM/SIGINT
    return stop_now();
  }
  draining = true;
  notifier->stopping();
  log.info("draining", {{"signal", signal}, {"sessions", server->open_sessions()}});
  deadline->expires_after(config.limits.drain_timeout);
  deadline->async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    log.warn("drain_timeout", {{"sessions_left", server->open_sessions()}});
    stop_now();
  });
  // Runs on the thread of the last session to end; ioc outlives every session.
  server->drain([this] { ioc->stop(); });
}

// Sessions still open are closed now (their turns in flight are dropped; the
// client resends them); they end when teardown() runs the io_context once more.
void Runtime::stop_now() {
  server->abort();
  ioc->stop();
}

// The rule set the daemon started with is in force already; its examples are run here,
// on the blocking pool, which also builds RE2's caches before most users arrive. A
// failure cannot refuse a set that is serving: it is logged loudly and counted.
void Runtime::check_examples_in_background() {
  asio::post(*blocking, [this] {
    const auto set = rules->get();
    const auto t0 = std::chrono::steady_clock::now();
    const auto problems = dialogue::check_examples(*set, &stop_examples);
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - t0;
    if (stop_examples) {  // stopping: what was checked is not the whole set
      log.info("rule_examples_check_stopped", {{"ms", took.count()}});
      return;
    }
    metrics.rule_example_failures().set(static_cast<std::int64_t>(problems.size()));
    log_diagnostics(problems, log, "rule_example_failed");
    if (problems.empty()) {
      log.info("rule_examples_checked", {{"ms", took.count()}});
    } else {
      log.error("rule_examples_failed", {{"failures", problems.size()},
                                         {"hint", "run `backcoach check`; fix, then SIGHUP"}});
    }
  });
}

void Runtime::reload() {
  notifier->reloading();
  auto fresh = load_rules(config, log, "rules_reload_error", true);
  const bool loaded = fresh != nullptr;
  if (!loaded) {
    metrics.reloads(false).inc();
    log.error("rules_reload_failed", {{"kept", "the rule set already in force"}});
  } else {
    rules->set(std::move(fresh));
    metrics.rule_example_failures().set(0);  // a reload is refused unless all behave
    metrics.reloads(true).inc();
    log.info("rules_reloaded", {{"rules", config.rules_dir}, {"intents", config.intents_dir}});
  }
  if (auto files = load_web_root(config, log)) server->set_static_files(std::move(files));
  notifier->ready(loaded ? "rules reloaded" : "rules reload failed; the old rules serve");
}

void Runtime::teardown() {
  signals.reset();
  deadline.reset();
  notifier.reset();
  if (retention) retention->stop();  // a sweep in progress ends after its transaction
  if (scheduler) scheduler->stop();  // a pass in progress settles while the io_context runs
  if (outbox) outbox->stop();        // no send starts; one in flight may be sent again later
  if (telegram) telegram->stop();    // polls no more; updates in progress finish
  if (server) server->abort();       // no-op after a full drain; no callback runs after this
  stop_examples = true;              // the startup example check ends between two messages
  if (blocking) blocking->join();    // reads in flight finish; their results are posted
  if (store) store->close();         // commits what is queued; completions are posted
  retention.reset();                 // its timer goes before the io_context
  if (ioc) {
    // The aborted sessions' operations complete and the sessions end here, on this
    // thread, while the server, service and store they use still exist.
    ioc->restart();
    ioc->run_for(kFinishTimeout);
  }
  scheduler.reset();  // its timer goes before the io_context, its passes have settled
  // Its timers too; a long poll still waiting is dropped with the io_context, unrun.
  telegram.reset();
  // The outbox's worker holds a timer of the io_context, which must go first (a timer
  // destroyed after its io_context reaches into the freed timer service; ASan found it).
  // After stop() and run_for() it starts nothing; a send still pending is a handler the
  // io_context destroys below without calling it.
  outbox_to_wake = nullptr;
  outbox.reset();
  ioc.reset();  // a session still pending (none expected) is destroyed, calling nothing back
  delivery.reset();
  server.reset();
  reminder_api.reset();
  routine_api.reset();
  routines.reset();
  push_api.reset();
  push_subscriptions.reset();
  reminders.reset();
  bot_api.reset();
  service.reset();
  blocking.reset();
  store.reset();
}

}  // namespace

int Daemon::run(std::ostream& out) {
  const service::EventLog log(service::EventLog::make_stderr_logger(config_.log_level));
  Runtime rt(config_, log);
  rt.clock_offset_ms = static_cast<std::int64_t>(config_.test_clock_offset * 1000);
  if (rt.clock_offset_ms != 0) {
    log.warn("test_clock_offset", {{"seconds", config_.test_clock_offset},
                                   {"why", "--test-clock-offset is for tests only"}});
  }
  auto rules = load_rules(config_, log, "rules_error", false);
  if (!rules) return 1;
  log.info("rules_loaded", {{"rules", config_.rules_dir}, {"intents", config_.intents_dir}});
  store::SqliteOptions options;
  options.on_batch_committed = [&rt](std::size_t n) {
    rt.metrics.commit_batch_size().observe(static_cast<double>(n));
  };
  options.on_error = [&log](const std::string& why) { log.error("store_error", {{"error", why}}); };
  options.on_outbox_queued = [&rt] {
    if (OutboxRuntime* outbox = rt.outbox_to_wake.load()) outbox->wake();
  };
  std::string why;
  auto store = store::SqliteStore::open(config_.db, options, &why);
  if (store.has_error()) {
    log.error("store_unusable", {{"db", config_.db}, {"error", why}});
    return 1;
  }
  rt.store = std::move(*store);
  auto secret = load_secret(config_, log);
  if (secret.has_error()) return 1;
  rt.rules = std::make_unique<service::RulesHolder>(std::move(rules));
  rt.signer = std::make_unique<service::TokenSigner>(std::move(*secret));
  auto vapid = load_vapid(config_, log);
  if (vapid.has_error()) return 1;
  rt.vapid_key = std::make_unique<webpush::EcKey>(std::move(*vapid));
  if (!rt.start(out)) {
    rt.teardown();
    return 1;
  }
  rt.check_examples_in_background();
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < config_.threads; ++i) threads.emplace_back([&rt] { rt.ioc->run(); });
  rt.ioc->run();
  for (auto& t : threads) t.join();
  rt.teardown();
  log.info("stopped");
  return 0;
}

}  // namespace backcoach::app
