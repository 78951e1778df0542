#include "service/event_log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace backcoach::service {
namespace {

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  const auto n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms.count() % 1000));
  return buf;
}

}  // namespace

std::shared_ptr<spdlog::logger> EventLog::make_stderr_logger(std::string_view level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("backcoachd", std::move(sink));
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  return logger;
}

std::string EventLog::format(spdlog::level::level_enum level, std::string_view event,
                             nlohmann::json fields) {
  nlohmann::json line = nlohmann::json::object();
  line["ts"] = utc_timestamp();
  const auto name = spdlog::level::to_string_view(level);
  line["level"] = std::string(name.data(), name.size());
  line["event"] = event;
  if (fields.is_object()) {
    for (auto& [key, value] : fields.items()) line[key] = std::move(value);
  }
  // Replace rather than throw on invalid UTF-8 in a field.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void EventLog::write(spdlog::level::level_enum level, std::string_view event,
                     nlohmann::json fields) const {
  if (!logger_->should_log(level)) return;
  logger_->log(level, "{}", format(level, event, std::move(fields)));
}

}  // namespace backcoach::service
