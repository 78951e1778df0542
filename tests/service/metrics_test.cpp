#include "service/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "service/daemon_metrics.h"

namespace backcoach::service {
namespace {

TEST(Metrics, HistogramRendersCumulativeBucketsSumAndCount) {
  Registry r;
  auto& h = r.histogram("backcoach_turn_duration_seconds", "Turn latency.", {0.01, 0.001, 0.1});
  h.observe(0.0005);
  h.observe(0.001);  // a bound is inclusive
  h.observe(0.05);
  h.observe(3);
  EXPECT_EQ(r.render(),
            "# HELP backcoach_turn_duration_seconds Turn latency.\n"
            "# TYPE backcoach_turn_duration_seconds histogram\n"
            "backcoach_turn_duration_seconds_bucket{le=\"0.001\"} 2\n"
            "backcoach_turn_duration_seconds_bucket{le=\"0.01\"} 2\n"
            "backcoach_turn_duration_seconds_bucket{le=\"0.1\"} 3\n"
            "backcoach_turn_duration_seconds_bucket{le=\"+Inf\"} 4\n"
            "backcoach_turn_duration_seconds_sum " +
                PrometheusWriter::format_number(0.0 + 0.0005 + 0.001 + 0.05 + 3.0) +
                "\n"
                "backcoach_turn_duration_seconds_count 4\n");
}

TEST(Metrics, FamiliesRenderInNameOrderWithAllLabelSets) {
  Registry r;
  r.counter("b_total", "B.", {{"code", "x"}}).inc(2);
  r.counter("b_total", "B.", {{"code", "a"}}).inc();
  r.gauge("a_open", "A.").add(5);
  r.gauge("a_open", "A.").add(-2);
  EXPECT_EQ(r.render(),
            "# HELP a_open A.\n# TYPE a_open gauge\na_open 3\n"
            "# HELP b_total B.\n# TYPE b_total counter\n"
            "b_total{code=\"a\"} 1\nb_total{code=\"x\"} 2\n");
}

TEST(Metrics, SameNameAndLabelsIsTheSameMetric) {
  Registry r;
  auto& a = r.counter("c_total", "C.", {{"k", "v"}});
  auto& b = r.counter("c_total", "C.", {{"k", "v"}});
  EXPECT_EQ(&a, &b);
}

TEST(Metrics, CountsFromManyThreads) {
  Registry r;
  auto& c = r.counter("c_total", "C.");
  auto& h = r.histogram("h", "H.", {1});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        c.inc();
        h.observe(0.5);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 40000u);
  EXPECT_EQ(h.count(), 40000u);
  EXPECT_DOUBLE_EQ(h.sum(), 20000);
}

TEST(DaemonMetrics, NamesFollowTheConventions) {
  Registry r;
  DaemonMetrics m(r);
  m.turns("committed").inc();
  m.errors("bad_json").inc();
  m.red_flags("emergency").inc(2);
  m.http_responses(404).inc();
  const std::string text = r.render();
  for (const char* needle : {"backcoach_turns_total{outcome=\"committed\"} 1",
                             "backcoach_turns_total{outcome=\"duplicate\"} 0",
                             "backcoach_errors_total{code=\"bad_json\"} 1",
                             "backcoach_red_flags_total{tier=\"emergency\"} 2",
                             "backcoach_http_responses_total{code=\"404\"} 1",
                             "# TYPE backcoach_turn_duration_seconds histogram",
                             "# TYPE backcoach_commit_batch_size histogram",
                             "backcoach_connections_open{protocol=\"websocket\"} 0",
                             "backcoach_rules_reloads_total{result=\"failed\"} 0"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle;
  }
}

// A dashboard or alert on a family that has never had an event must see it at zero,
// not "no data": every family is there from the start.
TEST(DaemonMetrics, EveryFamilyIsRenderedBeforeItsFirstEvent) {
  Registry r;
  DaemonMetrics m(r);
  const std::string text = r.render();
  for (const char* family :
       {"backcoach_connections_open", "backcoach_connections_total",
        "backcoach_connections_rejected_total", "backcoach_slow_clients_dropped_total",
        "backcoach_turns_total", "backcoach_turn_duration_seconds", "backcoach_commit_batch_size",
        "backcoach_red_flags_total", "backcoach_errors_total", "backcoach_http_responses_total",
        "backcoach_users_created_total", "backcoach_reader_failures_total",
        "backcoach_rules_reloads_total", "backcoach_outbox_sent_total",
        "backcoach_outbox_retried_total", "backcoach_outbox_failed_total",
        "backcoach_outbox_queue_depth", "backcoach_outbox_oldest_age_seconds"}) {
    EXPECT_NE(text.find(std::string("# TYPE ") + family + " "), std::string::npos) << family;
  }
  EXPECT_NE(text.find("backcoach_red_flags_total{tier=\"emergency\"} 0"), std::string::npos);
  EXPECT_NE(text.find("backcoach_outbox_queue_depth 0"), std::string::npos);
}

TEST(DaemonMetrics, AnOutboxChannelReadsZeroBeforeItsFirstMessage) {
  Registry r;
  DaemonMetrics m(r);
  m.outbox_channel("bot:kiosk");
  const std::string text = r.render();
  for (const char* sample : {"backcoach_outbox_sent_total{channel=\"bot:kiosk\"} 0",
                             "backcoach_outbox_retried_total{channel=\"bot:kiosk\"} 0",
                             "backcoach_outbox_failed_total{channel=\"bot:kiosk\"} 0"}) {
    EXPECT_NE(text.find(sample), std::string::npos) << sample;
  }
}

}  // namespace
}  // namespace backcoach::service
