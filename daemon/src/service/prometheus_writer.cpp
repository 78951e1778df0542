#include "service/prometheus_writer.h"

#include <charconv>
#include <cmath>

namespace backcoach::service {
namespace {

// HELP text escapes backslash and newline; label values also the double quote.
void append_escaped(std::string& out, std::string_view s, bool quote) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

void append_label(std::string& out, const std::pair<std::string, std::string>& label) {
  out += label.first;
  out += "=\"";
  append_escaped(out, label.second, true);
  out += '"';
}

}  // namespace

void PrometheusWriter::family(std::string_view name, std::string_view help, std::string_view type) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  append_escaped(out_, help, false);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusWriter::sample(std::string_view name, const Labels& labels, double value,
                              const std::pair<std::string, std::string>* extra) {
  out_ += name;
  if (!labels.empty() || extra != nullptr) {
    out_ += '{';
    bool first = true;
    for (const auto& label : labels) {
      if (!first) out_ += ',';
      append_label(out_, label);
      first = false;
    }
    if (extra != nullptr) {
      if (!first) out_ += ',';
      append_label(out_, *extra);
    }
    out_ += '}';
  }
  out_ += ' ';
  out_ += format_number(value);
  out_ += '\n';
}

std::string PrometheusWriter::format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  // Shortest round-trip form; integral values print without a fraction.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc{}) return "NaN";
  return std::string(buf, end);
}

}  // namespace backcoach::service
