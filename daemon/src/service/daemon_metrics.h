#pragma once

#include <array>
#include <string>
#include <string_view>

#include "service/metrics.h"

namespace backcoach::service {

// The daemon's metrics, registered once in a Registry the app owns, held here as
// references so hot paths never take the registry lock. Names follow Prometheus
// conventions: `backcoach_` prefix, base units, `_total` on counters, and no user
// ids in labels (every label value comes from a small fixed set).
// Thread-safety: every member is safe to update from any thread.
class DaemonMetrics {
 public:
  explicit DaemonMetrics(Registry& registry);

  // Connections, by protocol ("http" or "websocket").
  Gauge& connections_open(bool websocket) { return websocket ? ws_open_ : http_open_; }
  Counter& connections_accepted(bool websocket) { return websocket ? ws_total_ : http_total_; }
  // Refused at accept or upgrade: "capacity", "per_address", "origin".
  Counter& connections_rejected(std::string_view reason);
  Counter& slow_clients_dropped() { return slow_dropped_; }

  // Turns by outcome: "committed", "duplicate", "failed".
  Counter& turns(std::string_view outcome);
  Histogram& turn_duration() { return turn_duration_; }
  Histogram& commit_batch_size() { return commit_batch_; }
  Counter& users_created() { return users_created_; }

  // Messages the reader could not finish (RE2 ran out of memory): answered on the safe
  // path, counted and logged, never read as "nothing matched".
  Counter& reader_failures() { return reader_failures_; }
  // Red flags raised, by the conversation's tier after the turn.
  Counter& red_flags(const std::string& tier);
  // Error frames sent, by protocol error code.
  Counter& errors(std::string_view code);
  // HTTP responses, by status code.
  Counter& http_responses(unsigned status);
  // Rule reloads: ok true/false.
  Counter& reloads(bool ok) { return ok ? reload_ok_ : reload_failed_; }
  // Examples and counter-examples of the rule set in force that misbehave (checked in
  // the background after start; a reload with any is refused, so it sets 0).
  Gauge& rule_example_failures() { return example_failures_; }
  // People erased by retention (--retention-days).
  Counter& retention_deleted() { return retention_deleted_; }

  // The outbox, by channel ("bot:<id>", "telegram"): messages delivered, attempts
  // that will be tried again, messages given up (or refused for good).
  Counter& outbox_sent(const std::string& channel);
  Counter& outbox_retried(const std::string& channel);
  Counter& outbox_failed(const std::string& channel);
  // Registers the three at 0 for a channel that may carry messages, so that an alert
  // on them reads zero, not "no data".
  void outbox_channel(const std::string& channel);
  // Messages waiting, and the age of the oldest (0 when none), as of the last poll.
  Gauge& outbox_queue_depth() { return outbox_depth_; }
  Gauge& outbox_oldest_age_seconds() { return outbox_oldest_age_; }

  Registry& registry() { return registry_; }

 private:
  Registry& registry_;
  Gauge& http_open_;
  Gauge& ws_open_;
  Counter& http_total_;
  Counter& ws_total_;
  Counter& slow_dropped_;
  Histogram& turn_duration_;
  Histogram& commit_batch_;
  Counter& users_created_;
  Counter& reload_ok_;
  Counter& reload_failed_;
  Gauge& example_failures_;
  Counter& turns_committed_;
  Counter& turns_duplicate_;
  Counter& turns_failed_;
  Counter& reader_failures_;
  Counter& retention_deleted_;
  Gauge& outbox_depth_;
  Gauge& outbox_oldest_age_;
};

}  // namespace backcoach::service
