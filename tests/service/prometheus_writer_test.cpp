#include "service/prometheus_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace backcoach::service {
namespace {

TEST(PrometheusWriter, FamilyHeaderAndSamples) {
  PrometheusWriter w;
  w.family("backcoach_turns_total", "Chat turns answered, by outcome.", "counter");
  w.sample("backcoach_turns_total", {{"outcome", "committed"}}, 12);
  w.sample("backcoach_turns_total", {{"outcome", "failed"}, {"x", "y"}}, 0);
  EXPECT_EQ(w.text(),
            "# HELP backcoach_turns_total Chat turns answered, by outcome.\n"
            "# TYPE backcoach_turns_total counter\n"
            "backcoach_turns_total{outcome=\"committed\"} 12\n"
            "backcoach_turns_total{outcome=\"failed\",x=\"y\"} 0\n");
}

TEST(PrometheusWriter, EscapesHelpAndLabelValues) {
  PrometheusWriter w;
  w.family("m", "line one\nback\\slash \"quoted\"", "gauge");
  w.sample("m", {{"l", "a\"b\\c\nd"}}, 1);
  EXPECT_EQ(w.text(),
            "# HELP m line one\\nback\\\\slash \"quoted\"\n"
            "# TYPE m gauge\n"
            "m{l=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(PrometheusWriter, ExtraLabelFollowsTheOthers) {
  PrometheusWriter w;
  const std::pair<std::string, std::string> le{"le", "0.5"};
  w.sample("h_bucket", {{"a", "b"}}, 3, &le);
  w.sample("h_bucket", {}, 4, &le);
  w.sample("plain", {}, 2.5);
  EXPECT_EQ(w.text(), "h_bucket{a=\"b\",le=\"0.5\"} 3\nh_bucket{le=\"0.5\"} 4\nplain 2.5\n");
}

TEST(PrometheusWriter, NumberFormats) {
  EXPECT_EQ(PrometheusWriter::format_number(0), "0");
  EXPECT_EQ(PrometheusWriter::format_number(42), "42");
  EXPECT_EQ(PrometheusWriter::format_number(0.0025), "0.0025");
  EXPECT_EQ(PrometheusWriter::format_number(-1.5), "-1.5");
  EXPECT_EQ(PrometheusWriter::format_number(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(PrometheusWriter::format_number(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(PrometheusWriter::format_number(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

}  // namespace
}  // namespace backcoach::service
