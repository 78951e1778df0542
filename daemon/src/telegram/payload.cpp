#include "telegram/payload.h"

namespace backcoach::telegram {

using nlohmann::json;

namespace {

store::OutgoingMessage row(std::int64_t chat_id, json payload) {
  return {kChannel, std::to_string(chat_id), std::move(payload)};
}

}  // namespace

store::OutgoingMessage text_message(std::int64_t chat_id, std::string text,
                                    const InlineKeyboard& keyboard) {
  json params{{"chat_id", chat_id}, {"text", std::move(text)}};
  if (!keyboard.empty()) params["reply_markup"] = reply_markup(keyboard);
  return row(chat_id, {{"method", "sendMessage"}, {"params", std::move(params)}});
}

store::OutgoingMessage exercise_photo(std::int64_t chat_id, std::string exercise_id,
                                      std::string caption, const InlineKeyboard& keyboard) {
  json params{{"chat_id", chat_id}, {"caption", std::move(caption)}};
  if (!keyboard.empty()) params["reply_markup"] = reply_markup(keyboard);
  return row(chat_id, {{"method", "sendPhoto"},
                       {"exercise", std::move(exercise_id)},
                       {"params", std::move(params)}});
}

store::OutgoingMessage journal_chart(std::int64_t chat_id, std::string caption) {
  return row(chat_id, {{"method", "sendPhoto"},
                       {"chart", "journal"},
                       {"params", {{"chat_id", chat_id}, {"caption", std::move(caption)}}}});
}

std::optional<Payload> read_payload(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto method = j.find("method");
  const auto params = j.find("params");
  if (method == j.end() || !method->is_string() || params == j.end() || !params->is_object()) {
    return std::nullopt;
  }
  const auto chat = params->find("chat_id");
  if (chat == params->end() || !chat->is_number_integer()) return std::nullopt;
  Payload p{method->get<std::string>(), *params, {}, {}};
  if (p.method == "sendPhoto") {
    const auto exercise = j.find("exercise");
    const auto chart = j.find("chart");
    if (exercise != j.end() && exercise->is_string()) {
      p.exercise = exercise->get<std::string>();
    } else if (chart != j.end() && *chart == "journal") {
      p.chart = chart->get<std::string>();
    } else {
      return std::nullopt;
    }
  }
  return p;
}

}  // namespace backcoach::telegram
