#include "coach/journal_chart.h"

#include <date/date.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "common/xml_writer.h"

namespace backcoach::coach {
namespace {

// The drawing's frame, in SVG user units: the plot sits inside the margins.
constexpr double kWidth = 640, kHeight = 300;
constexpr double kLeft = 56, kRight = 16, kTop = 40, kBottom = 52;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;

// Days since 1970-01-01 of a "YYYY-MM-DD" journal date; nullopt if it is not one.
std::optional<int> day_of(const std::string& date) {
  std::istringstream in(date);
  date::sys_days day;
  in >> date::parse("%F", day);
  if (in.fail()) return std::nullopt;
  return static_cast<int>(day.time_since_epoch().count());
}

std::string felt_words(const store::JournalEntry& e) {
  std::string s;
  if (e.routine_done) s += *e.routine_done ? ", routine done" : ", routine not done";
  if (e.felt) s += ", felt " + (*e.felt == "same" ? std::string("about the same") : *e.felt);
  return s;
}

std::string point_text(const store::JournalEntry& e) {
  return e.date + ": pain " + std::to_string(*e.pain) + " of 10" + felt_words(e);
}

struct Frame {
  int first = 0;
  int span = 1;  // days from the first to the last drawn, at least 1
  double x(int day) const { return kLeft + kPlotW * (day - first) / span; }
  static double y(int pain) { return kTop + kPlotH * (10 - pain) / 10.0; }
};

void axes(XmlWriter& w, const std::vector<store::JournalEntry>& shown) {
  w.start("g").attr("aria-hidden", "true").attr("stroke", "#5b6b7a").attr("font-size", 12.0);
  for (int pain = 0; pain <= 10; pain += 2) {
    const double y = Frame::y(pain);
    w.start("line")
        .attr("x1", kLeft)
        .attr("x2", kLeft + kPlotW)
        .attr("y1", y)
        .attr("y2", y)
        .attr("stroke-opacity", pain == 0 ? 1.0 : 0.25)
        .end();
    w.start("text")
        .attr("x", kLeft - 8)
        .attr("y", y + 4)
        .attr("text-anchor", "end")
        .attr("stroke", "none")
        .attr("fill", "#2b3a48")
        .text(std::to_string(pain))
        .end();
  }
  const double base = kTop + kPlotH;
  if (!shown.empty()) {
    w.start("text")
        .attr("x", kLeft)
        .attr("y", base + 18)
        .attr("stroke", "none")
        .attr("fill", "#2b3a48")
        .text(shown.front().date)
        .end();
    w.start("text")
        .attr("x", kLeft + kPlotW)
        .attr("y", base + 18)
        .attr("text-anchor", "end")
        .attr("stroke", "none")
        .attr("fill", "#2b3a48")
        .text(shown.back().date)
        .end();
  }
  w.end();
  w.start("text")
      .attr("class", "axis-label")
      .attr("x", kLeft + kPlotW / 2)
      .attr("y", kHeight - 10)
      .attr("text-anchor", "middle")
      .attr("font-size", 13.0)
      .attr("fill", "#2b3a48")
      .text("Date")
      .end();
  w.start("text")
      .attr("class", "axis-label")
      .attr("x", 16.0)
      .attr("y", kTop + kPlotH / 2)
      .attr("text-anchor", "middle")
      .attr("font-size", 13.0)
      .attr("fill", "#2b3a48")
      .attr("transform",
            "rotate(-90 16 " + std::to_string(static_cast<int>(kTop + kPlotH / 2)) + ")")
      .text("Pain (0 to 10)")
      .end();
}

void points(XmlWriter& w, const std::vector<store::JournalEntry>& shown, const Frame& f) {
  std::string line;
  for (const auto& e : shown) {
    const auto day = day_of(e.date);
    if (!e.pain || !day) continue;
    if (!line.empty()) line += ' ';
    line += std::to_string(f.x(*day)) + "," + std::to_string(Frame::y(*e.pain));
  }
  if (line.find(' ') != std::string::npos) {
    w.start("polyline")
        .attr("aria-hidden", "true")
        .attr("fill", "none")
        .attr("stroke", "#1f6fb2")
        .attr("stroke-width", 2.5)
        .attr("points", line)
        .end();
  }
  for (const auto& e : shown) {
    const auto day = day_of(e.date);
    if (!e.pain || !day) continue;
    w.start("circle")
        .attr("cx", f.x(*day))
        .attr("cy", Frame::y(*e.pain))
        .attr("r", 5.0)
        .attr("fill", "#1f6fb2")
        .start("title")
        .text(point_text(e))
        .end()
        .end();
  }
}

std::string description(const std::vector<store::JournalEntry>& shown) {
  if (shown.empty()) return "No daily check-ins yet: the chart fills in as you answer them.";
  std::string d = "Pain from 0 (no pain) to 10 (the worst imaginable), from your daily check-ins.";
  for (const auto& e : shown) {
    d += " " + (e.pain ? point_text(e) : e.date + ": no score" + felt_words(e)) + ".";
  }
  return d;
}

}  // namespace

std::vector<store::JournalEntry> last_days(const std::vector<store::JournalEntry>& entries,
                                           int days) {
  if (entries.empty()) return {};
  const auto newest = day_of(entries.back().date);
  std::vector<store::JournalEntry> out;
  for (const auto& e : entries) {
    const auto day = day_of(e.date);
    if (day && newest && *day > *newest - days) out.push_back(e);
  }
  return out;
}

std::string journal_svg(const std::vector<store::JournalEntry>& entries, int days) {
  const auto shown = last_days(entries, days);
  Frame f;
  if (!shown.empty()) {
    f.first = day_of(shown.front().date).value_or(0);
    f.span = std::max(1, day_of(shown.back().date).value_or(0) - f.first);
  }
  const std::string title =
      shown.empty() ? std::string("Your back pain: no check-ins yet")
                    : "Your back pain, " + shown.front().date + " to " + shown.back().date;
  XmlWriter w;
  w.start("svg")
      .attr("xmlns", "http://www.w3.org/2000/svg")
      .attr("role", "img")
      .attr("aria-labelledby", "journal-title journal-desc")
      .attr("viewBox", "0 0 " + std::to_string(static_cast<int>(kWidth)) + " " +
                           std::to_string(static_cast<int>(kHeight)))
      .attr("width", kWidth)
      .attr("height", kHeight)
      .attr("font-family", "sans-serif");
  w.start("title").attr("id", "journal-title").text(title).end();
  w.start("desc").attr("id", "journal-desc").text(description(shown)).end();
  w.start("rect").attr("width", kWidth).attr("height", kHeight).attr("fill", "#ffffff").end();
  w.start("text")
      .attr("x", kLeft)
      .attr("y", 24.0)
      .attr("font-size", 15.0)
      .attr("fill", "#14212e")
      .attr("aria-hidden", "true")
      .text(title)
      .end();
  axes(w, shown);
  points(w, shown, f);
  return w.finish();
}

}  // namespace backcoach::coach
