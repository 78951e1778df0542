#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backcoach::service {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Writes the Prometheus text exposition format (version 0.0.4) into a string.
// The caller writes each family's header once, then its samples; the writer
// escapes help text and label values and formats numbers (+Inf, -Inf, NaN).
// Not thread-safe; one writer per scrape.
class PrometheusWriter {
 public:
  // "# HELP name help" and "# TYPE name type" (type: counter, gauge, histogram).
  void family(std::string_view name, std::string_view help, std::string_view type);

  // "name{k="v",...} value". `extra` is appended after `labels` (the `le` of a bucket).
  void sample(std::string_view name, const Labels& labels, double value,
              const std::pair<std::string, std::string>* extra = nullptr);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

  // The number as the format spells it: integers without a fraction, "+Inf", "NaN".
  static std::string format_number(double v);

 private:
  std::string out_;
};

}  // namespace backcoach::service
