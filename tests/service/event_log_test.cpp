#include "service/event_log.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

namespace backcoach::service {
namespace {

using nlohmann::json;

TEST(EventLog, EachLineIsOneJsonObject) {
  const std::string line =
      EventLog::format(spdlog::level::info, "listening", {{"port", 8080}, {"why", "a \"b\"\n"}});
  const json j = json::parse(line);
  EXPECT_EQ(j["event"], "listening");
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["port"], 8080);
  EXPECT_EQ(j["why"], "a \"b\"\n");
  const std::string ts = j["ts"];
  EXPECT_EQ(ts.size(), 24u);  // 2025-01-02T03:04:05.678Z
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(EventLog, InvalidUtf8InAFieldIsReplacedNotThrown) {
  const std::string line = EventLog::format(spdlog::level::warn, "x", {{"f", "\xff"}});
  EXPECT_NO_THROW(json::parse(line));
}

TEST(EventLog, WritesThroughSpdlogAndHonoursTheLevel) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  auto logger = std::make_shared<spdlog::logger>("t", sink);
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  const EventLog log(logger);
  log.debug("hidden");
  log.info("shown", {{"n", 1}});
  log.error("bad");
  std::istringstream lines(out.str());
  std::string first;
  std::string second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(json::parse(first)["event"], "shown");
  EXPECT_EQ(json::parse(second)["level"], "error");
  EXPECT_EQ(out.str().find("hidden"), std::string::npos);
}

}  // namespace
}  // namespace backcoach::service
