#include "service/daemon_metrics.h"

#include "triage/tier.h"

namespace backcoach::service {
namespace {

constexpr const char* kConnOpen = "backcoach_connections_open";
constexpr const char* kConnOpenHelp = "Connections open now, by protocol.";
constexpr const char* kConnTotal = "backcoach_connections_total";
constexpr const char* kConnTotalHelp = "Connections accepted, by protocol.";
constexpr const char* kTurns = "backcoach_turns_total";
constexpr const char* kTurnsHelp = "Chat turns answered, by outcome.";
constexpr const char* kFlags = "backcoach_red_flags_total";
constexpr const char* kFlagsHelp = "Red flags raised, by the conversation's tier after the turn.";
constexpr const char* kErrors = "backcoach_errors_total";
constexpr const char* kErrorsHelp = "Protocol error frames sent, by error code.";
constexpr const char* kHttp = "backcoach_http_responses_total";
constexpr const char* kHttpHelp = "HTTP responses sent, by status code.";
constexpr const char* kRejected = "backcoach_connections_rejected_total";
constexpr const char* kRejectedHelp = "Connections refused, by reason.";
constexpr const char* kReloads = "backcoach_rules_reloads_total";
constexpr const char* kReloadsHelp = "Rule set reloads, by result.";
constexpr const char* kOutboxSent = "backcoach_outbox_sent_total";
constexpr const char* kOutboxSentHelp = "Outbox messages delivered, by channel.";
constexpr const char* kOutboxRetried = "backcoach_outbox_retried_total";
constexpr const char* kOutboxRetriedHelp =
    "Outbox send attempts that failed and will be tried again, by channel.";
constexpr const char* kOutboxFailed = "backcoach_outbox_failed_total";
constexpr const char* kOutboxFailedHelp =
    "Outbox messages given up (retried past the bound) or refused for good, by channel.";

}  // namespace

DaemonMetrics::DaemonMetrics(Registry& r)
    : registry_(r),
      http_open_(r.gauge(kConnOpen, kConnOpenHelp, {{"protocol", "http"}})),
      ws_open_(r.gauge(kConnOpen, kConnOpenHelp, {{"protocol", "websocket"}})),
      http_total_(r.counter(kConnTotal, kConnTotalHelp, {{"protocol", "http"}})),
      ws_total_(r.counter(kConnTotal, kConnTotalHelp, {{"protocol", "websocket"}})),
      slow_dropped_(r.counter("backcoach_slow_clients_dropped_total",
                              "WebSocket clients dropped because their send queue was full.")),
      turn_duration_(r.histogram(
          "backcoach_turn_duration_seconds", "Time from a say frame to its reply, commit included.",
          {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5})),
      commit_batch_(r.histogram("backcoach_commit_batch_size",
                                "Turns committed together in one transaction.",
                                {1, 2, 4, 8, 16, 32, 64, 128, 256})),
      users_created_(r.counter("backcoach_users_created_total", "Users created by hello.")),
      reload_ok_(r.counter(kReloads, kReloadsHelp, {{"result", "ok"}})),
      reload_failed_(r.counter(kReloads, kReloadsHelp, {{"result", "failed"}})),
      example_failures_(r.gauge("backcoach_rule_example_failures",
                                "Rule examples and counter-examples of the rule set in force "
                                "that the reader gets wrong.")),
      turns_committed_(r.counter(kTurns, kTurnsHelp, {{"outcome", "committed"}})),
      turns_duplicate_(r.counter(kTurns, kTurnsHelp, {{"outcome", "duplicate"}})),
      turns_failed_(r.counter(kTurns, kTurnsHelp, {{"outcome", "failed"}})),
      reader_failures_(r.counter("backcoach_reader_failures_total",
                                 "Messages the reader could not finish (RE2 out of memory).")),
      retention_deleted_(r.counter("backcoach_retention_deleted_total",
                                   "Conversations erased for being idle past --retention-days.")),
      outbox_depth_(
          r.gauge("backcoach_outbox_queue_depth", "Messages in the outbox waiting to be sent.")),
      outbox_oldest_age_(r.gauge("backcoach_outbox_oldest_age_seconds",
                                 "Age of the oldest message in the outbox (0 when empty).")) {
  for (const char* reason : {"capacity", "per_address", "origin"}) connections_rejected(reason);
  for (auto tier : {triage::Tier::kSoon, triage::Tier::kUrgent, triage::Tier::kEmergency}) {
    red_flags(std::string(triage::to_string(tier)));
  }
  r.declare(kErrors, kErrorsHelp, "counter");  // codes are the network layer's (net::Server)
  r.declare(kHttp, kHttpHelp, "counter");
  r.declare(kOutboxSent, kOutboxSentHelp, "counter");  // channels: the app's (outbox_channel)
  r.declare(kOutboxRetried, kOutboxRetriedHelp, "counter");
  r.declare(kOutboxFailed, kOutboxFailedHelp, "counter");
}

Counter& DaemonMetrics::outbox_sent(const std::string& channel) {
  return registry_.counter(kOutboxSent, kOutboxSentHelp, {{"channel", channel}});
}

Counter& DaemonMetrics::outbox_retried(const std::string& channel) {
  return registry_.counter(kOutboxRetried, kOutboxRetriedHelp, {{"channel", channel}});
}

Counter& DaemonMetrics::outbox_failed(const std::string& channel) {
  return registry_.counter(kOutboxFailed, kOutboxFailedHelp, {{"channel", channel}});
}

void DaemonMetrics::outbox_channel(const std::string& channel) {
  outbox_sent(channel);
  outbox_retried(channel);
  outbox_failed(channel);
}

Counter& DaemonMetrics::connections_rejected(std::string_view reason) {
  return registry_.counter(kRejected, kRejectedHelp, {{"reason", std::string(reason)}});
}

Counter& DaemonMetrics::turns(std::string_view outcome) {
  if (outcome == "committed") return turns_committed_;
  if (outcome == "duplicate") return turns_duplicate_;
  if (outcome == "failed") return turns_failed_;
  return registry_.counter(kTurns, kTurnsHelp, {{"outcome", std::string(outcome)}});
}

Counter& DaemonMetrics::red_flags(const std::string& tier) {
  return registry_.counter(kFlags, kFlagsHelp, {{"tier", tier}});
}

Counter& DaemonMetrics::errors(std::string_view code) {
  return registry_.counter(kErrors, kErrorsHelp, {{"code", std::string(code)}});
}

Counter& DaemonMetrics::http_responses(unsigned status) {
  return registry_.counter(kHttp, kHttpHelp, {{"code", std::to_string(status)}});
}

}  // namespace backcoach::service
