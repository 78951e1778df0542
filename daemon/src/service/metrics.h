#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "service/prometheus_writer.h"

namespace backcoach::service {

// A monotonically increasing count. Lock-free; safe from any thread.
class Counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A value that goes up and down. Lock-free; safe from any thread.
class Gauge {
 public:
  void add(std::int64_t n) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  void set(std::int64_t v) noexcept { value_.store(v, std::memory_order_relaxed); }
  std::int64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Observations counted into fixed upper bounds (cumulative when rendered).
// Lock-free; safe from any thread. A scrape concurrent with observations may see
// a count one ahead of a bucket; Prometheus tolerates that.
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);

  void observe(double v) noexcept;

  const std::vector<double>& upper_bounds() const { return bounds_; }
  // Per-bucket (not cumulative) counts; the last one is the +Inf bucket.
  std::vector<std::uint64_t> bucket_counts() const;
  double sum() const noexcept { return sum_.load(std::memory_order_relaxed); }
  std::uint64_t count() const noexcept { return count_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<double> sum_{0};
  std::atomic<std::uint64_t> count_{0};
};

// Owns every metric of the daemon and renders them for GET /metrics.
// Created by the app and passed by reference (no global registry). Registering
// takes a lock; the returned references stay valid for the registry's lifetime,
// so hot paths look a metric up once and keep the reference.
// Registering the same name and labels twice returns the same metric; the same
// name with another type or help is a programming error (first one wins).
class Registry {
 public:
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help,
                       std::vector<double> upper_bounds, const Labels& labels = {});

  // Announces a labelled family before its first sample, so that it is rendered
  // (HELP and TYPE, no samples) from the start. `type` is "counter" or "gauge".
  void declare(const std::string& name, const std::string& help, const char* type);

  // Every family in name order, in the Prometheus text format.
  std::string render() const;

 private:
  struct Family {
    std::string help;
    std::string type;
    std::map<Labels, std::unique_ptr<Counter>> counters;
    std::map<Labels, std::unique_ptr<Gauge>> gauges;
    std::map<Labels, std::unique_ptr<Histogram>> histograms;
  };
  Family& family(const std::string& name, const std::string& help, const char* type);
  static void render_histograms(PrometheusWriter& w, const std::string& name, const Family& f);

  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

}  // namespace backcoach::service
