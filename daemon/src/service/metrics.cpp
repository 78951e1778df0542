#include "service/metrics.h"

#include <algorithm>
#include <limits>

namespace backcoach::service {

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  std::sort(bounds_.begin(), bounds_.end());
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::observe(double v) noexcept {
  // `le` is inclusive: a value equal to a bound belongs to that bucket.
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
  const auto index = static_cast<std::size_t>(it - bounds_.begin());
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::bucket_counts() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = buckets_[i].load(std::memory_order_relaxed);
  return out;
}

Registry::Family& Registry::family(const std::string& name, const std::string& help,
                                   const char* type) {
  auto [it, inserted] = families_.try_emplace(name);
  if (inserted) {
    it->second.help = help;
    it->second.type = type;
  }
  return it->second;
}

void Registry::declare(const std::string& name, const std::string& help, const char* type) {
  std::lock_guard lock(mu_);
  family(name, help, type);
}

Counter& Registry::counter(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard lock(mu_);
  auto& slot = family(name, help, "counter").counters[labels];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Gauge& Registry::gauge(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard lock(mu_);
  auto& slot = family(name, help, "gauge").gauges[labels];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

Histogram& Registry::histogram(const std::string& name, const std::string& help,
                               std::vector<double> upper_bounds, const Labels& labels) {
  std::lock_guard lock(mu_);
  auto& slot = family(name, help, "histogram").histograms[labels];
  if (!slot) slot = std::make_unique<Histogram>(std::move(upper_bounds));
  return *slot;
}

void Registry::render_histograms(PrometheusWriter& w, const std::string& name, const Family& f) {
  for (const auto& [labels, h] : f.histograms) {
    const auto counts = h->bucket_counts();
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      cumulative += counts[i];
      const double bound = i < h->upper_bounds().size() ? h->upper_bounds()[i]
                                                        : std::numeric_limits<double>::infinity();
      const std::pair<std::string, std::string> le{"le", PrometheusWriter::format_number(bound)};
      w.sample(name + "_bucket", labels, static_cast<double>(cumulative), &le);
    }
    w.sample(name + "_sum", labels, h->sum());
    w.sample(name + "_count", labels, static_cast<double>(cumulative));
  }
}

std::string Registry::render() const {
  PrometheusWriter w;
  std::lock_guard lock(mu_);
  for (const auto& [name, f] : families_) {
    w.family(name, f.help, f.type);
    for (const auto& [labels, c] : f.counters)
      w.sample(name, labels, static_cast<double>(c->value()));
    for (const auto& [labels, g] : f.gauges)
      w.sample(name, labels, static_cast<double>(g->value()));
    render_histograms(w, name, f);
  }
  return w.take();
}

}  // namespace backcoach::service
