#include "coach/journal_chart.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <string>
#include <vector>

namespace backcoach::coach {
namespace {

using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

store::JournalEntry day(std::string date, std::optional<int> pain, std::optional<bool> done = {},
                        std::optional<std::string> felt = {}) {
  return {std::move(date), pain, done, std::move(felt), {}, 0};
}

// The chart as a browser or a screen reader gets it: parsed as XML (libxml2, no
// recovery), then read with XPath in the SVG namespace.
class Chart {
 public:
  explicit Chart(const std::string& svg)
      : doc_(xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "chart.svg", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
             &xmlFreeDoc) {}
  bool parsed() const { return doc_ != nullptr; }

  std::vector<std::string> all(const std::string& xpath) const {
    std::vector<std::string> out;
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> ctx(
        xmlXPathNewContext(doc_.get()), &xmlXPathFreeContext);
    xmlXPathRegisterNs(ctx.get(), x("s"), x("http://www.w3.org/2000/svg"));
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> found(
        xmlXPathEvalExpression(x(xpath.c_str()), ctx.get()), &xmlXPathFreeObject);
    if (!found || found->nodesetval == nullptr) return out;
    for (int i = 0; i < found->nodesetval->nodeNr; ++i) {
      xmlChar* c = xmlNodeGetContent(found->nodesetval->nodeTab[i]);
      out.emplace_back(reinterpret_cast<const char*>(c));
      xmlFree(c);
    }
    return out;
  }
  std::string one(const std::string& xpath) const {
    const auto v = all(xpath);
    return v.size() == 1 ? v[0] : "<" + std::to_string(v.size()) + " matches>";
  }

 private:
  static const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
  Doc doc_;
};

TEST(JournalChart, NamesItselfAndReadsEveryDayToAScreenReader) {
  const Chart chart(
      journal_svg({day("2024-05-01", 6, true, "same"), day("2024-05-02", std::nullopt),
                   day("2024-05-04", 3, true, "better")},
                  14));
  ASSERT_TRUE(chart.parsed());
  EXPECT_EQ(chart.one("/s:svg/@role"), "img");
  EXPECT_EQ(chart.one("/s:svg/@aria-labelledby"), "journal-title journal-desc");
  EXPECT_EQ(chart.one("/s:svg/s:title[@id='journal-title']"),
            "Your back pain, 2024-05-01 to 2024-05-04");
  const std::string desc = chart.one("/s:svg/s:desc[@id='journal-desc']");
  EXPECT_NE(desc.find("0 (no pain) to 10"), std::string::npos) << desc;
  EXPECT_NE(desc.find("2024-05-01: pain 6 of 10, routine done, felt about the same."),
            std::string::npos)
      << desc;
  EXPECT_NE(desc.find("2024-05-02: no score."), std::string::npos) << desc;
  EXPECT_NE(desc.find("2024-05-04: pain 3 of 10, routine done, felt better."), std::string::npos);
  EXPECT_EQ(chart.all("//s:text[@class='axis-label']"),
            (std::vector<std::string>{"Date", "Pain (0 to 10)"}));
}

// One point per scored day, each with its own title; the line joins them; a day
// is placed by its date (the gap on the 3rd stays a gap).
TEST(JournalChart, PointsSitAtTheirDayAndScore) {
  const Chart chart(
      journal_svg({day("2024-05-01", 10), day("2024-05-03", 0), day("2024-05-05", 5)}, 14));
  ASSERT_TRUE(chart.parsed());
  EXPECT_EQ(chart.all("//s:circle/s:title"),
            (std::vector<std::string>{"2024-05-01: pain 10 of 10", "2024-05-03: pain 0 of 10",
                                      "2024-05-05: pain 5 of 10"}));
  const auto cx = chart.all("//s:circle/@cx");
  const auto cy = chart.all("//s:circle/@cy");
  ASSERT_EQ(cx.size(), 3u);
  // evenly spaced dates are evenly spaced points; pain 10 is the highest (smallest y)
  EXPECT_NEAR(std::stod(cx[1]) - std::stod(cx[0]), std::stod(cx[2]) - std::stod(cx[1]), 0.01);
  EXPECT_LT(std::stod(cy[0]), std::stod(cy[2]));
  EXPECT_LT(std::stod(cy[2]), std::stod(cy[1]));
  EXPECT_EQ(chart.all("//s:polyline").size(), 1u);
}

TEST(JournalChart, OnlyTheLastDaysAreDrawn) {
  std::vector<store::JournalEntry> month;
  for (int d = 1; d <= 30; ++d) {
    month.push_back(day("2024-04-" + std::string(d < 10 ? "0" : "") + std::to_string(d), d % 11));
  }
  const Chart chart(journal_svg(month, 14));
  ASSERT_TRUE(chart.parsed());
  EXPECT_EQ(chart.all("//s:circle").size(), 14u);
  EXPECT_EQ(chart.one("/s:svg/s:title"), "Your back pain, 2024-04-17 to 2024-04-30");
}

TEST(JournalChart, AnEmptyJournalSaysSo) {
  const Chart chart(journal_svg({}, 14));
  ASSERT_TRUE(chart.parsed());
  EXPECT_EQ(chart.one("/s:svg/s:title"), "Your back pain: no check-ins yet");
  EXPECT_NE(chart.one("/s:svg/s:desc").find("No daily check-ins yet"), std::string::npos);
  EXPECT_EQ(chart.all("//s:circle").size(), 0u);
}

}  // namespace
}  // namespace backcoach::coach
