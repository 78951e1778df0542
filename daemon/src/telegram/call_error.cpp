#include "telegram/call_error.h"

namespace backcoach::telegram {

using nlohmann::json;

std::string CallError::summary() const {
  if (transport) return "transport: " + transport.message();
  return std::to_string(code) + " " + description;
}

namespace {

CallError error_from(const json& answer, unsigned status) {
  CallError e;
  const auto code = answer.find("error_code");
  e.code = code != answer.end() && code->is_number_integer() ? code->get<int>()
                                                             : static_cast<int>(status);
  if (e.code == 0) e.code = 500;  // {"ok": false} with HTTP 200 and no code: still a failure
  const auto description = answer.find("description");
  e.description = description != answer.end() && description->is_string()
                      ? description->get<std::string>()
                      : "no description";
  const auto parameters = answer.find("parameters");
  if (parameters != answer.end() && parameters->is_object()) {
    const auto retry = parameters->find("retry_after");
    if (retry != parameters->end() && retry->is_number_integer()) {
      e.retry_after = std::chrono::seconds(retry->get<std::int64_t>());
    }
    const auto migrate = parameters->find("migrate_to_chat_id");
    if (migrate != parameters->end() && migrate->is_number_integer()) {
      e.migrate_to_chat_id = migrate->get<std::int64_t>();
    }
  }
  return e;
}

}  // namespace

Decoded decode_answer(const outbound::Response& response) {
  const json answer = json::parse(response.body, nullptr, false);
  const auto ok = answer.is_object() ? answer.find("ok") : answer.end();
  if (!answer.is_object() || ok == answer.end() || !ok->is_boolean()) {
    CallError e;
    e.code = response.status == 200 ? 502 : static_cast<int>(response.status);
    e.description = "HTTP " + std::to_string(response.status) + " without Telegram's JSON";
    return {std::move(e), nullptr};
  }
  if (!ok->get<bool>()) return {error_from(answer, response.status), nullptr};
  const auto result = answer.find("result");
  return {CallError{}, result != answer.end() ? *result : json(nullptr)};
}

}  // namespace backcoach::telegram
