#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

namespace backcoach::service {

// Structured logging: every line is one JSON object
// {"ts":"2025-01-02T03:04:05.678Z","level":"info","event":"...", ...fields},
// built with nlohmann/json (so every field is escaped) and written through spdlog.
// Callers never put message text, tokens or secrets in fields at info level or above.
// Thread-safety: safe from any thread (spdlog's _mt sinks).
class EventLog {
 public:
  explicit EventLog(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}

  // A logger writing JSON lines to stderr at `level` ("debug", "info", "warn", "error").
  static std::shared_ptr<spdlog::logger> make_stderr_logger(std::string_view level);

  void debug(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
    write(spdlog::level::debug, event, std::move(fields));
  }
  void info(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
    write(spdlog::level::info, event, std::move(fields));
  }
  void warn(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
    write(spdlog::level::warn, event, std::move(fields));
  }
  void error(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
    write(spdlog::level::err, event, std::move(fields));
  }

  bool enabled(spdlog::level::level_enum level) const { return logger_->should_log(level); }
  void flush() const { logger_->flush(); }

  // The line as it is written (without the newline); exposed for tests.
  static std::string format(spdlog::level::level_enum level, std::string_view event,
                            nlohmann::json fields);

 private:
  void write(spdlog::level::level_enum level, std::string_view event, nlohmann::json fields) const;

  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace backcoach::service
