#include "net/protocol.h"

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "service/reply_json.h"

namespace backcoach::net {
namespace {

using nlohmann::json;

DecodeError fail(ErrorCode code, std::string message, std::optional<std::string> re = {}) {
  return DecodeError{code, std::move(re), std::move(message)};
}

// An optional field of convenience: a value that is not a short string is ignored.
std::optional<std::string> time_zone(const json& frame, const DecodeLimits& limits) {
  const auto it = frame.find("tz");
  if (it == frame.end() || !it->is_string()) return std::nullopt;
  const auto& tz = it->get_ref<const std::string&>();
  if (tz.empty() || tz.size() > limits.max_tz_bytes) return std::nullopt;
  return tz;
}

Decoded decode_hello(const json& frame, const DecodeLimits& limits) {
  HelloFrame hello;
  hello.tz = time_zone(frame, limits);
  const auto it = frame.find("token");
  if (it == frame.end() || it->is_null()) return hello;
  if (!it->is_string()) return fail(ErrorCode::bad_token, "token must be a string");
  const auto& token = it->get_ref<const std::string&>();
  if (token.empty() || token.size() > limits.max_token_bytes) {
    return fail(ErrorCode::bad_token, "token is not valid");
  }
  hello.token = token;
  return hello;
}

Decoded decode_say(const json& frame, const DecodeLimits& limits) {
  const auto id = frame.find("id");
  if (id == frame.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
    return fail(ErrorCode::missing_field, "say needs a non-empty string \"id\"");
  }
  const auto& id_text = id->get_ref<const std::string&>();
  if (id_text.size() > limits.max_id_bytes) {
    return fail(ErrorCode::too_large,
                "id is longer than " + std::to_string(limits.max_id_bytes) + " bytes");
  }
  const auto text = frame.find("text");
  if (text == frame.end() || !text->is_string()) {
    return fail(ErrorCode::missing_field, "say needs a string \"text\"", id_text);
  }
  const auto& text_value = text->get_ref<const std::string&>();
  if (count_code_points(text_value) > limits.max_text_chars) {
    return fail(ErrorCode::too_large,
                "text is longer than " + std::to_string(limits.max_text_chars) + " characters",
                id_text);
  }
  return SayFrame{id_text, text_value, time_zone(frame, limits)};
}

}  // namespace

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_json:
      return "bad_json";
    case ErrorCode::bad_type:
      return "bad_type";
    case ErrorCode::missing_field:
      return "missing_field";
    case ErrorCode::too_large:
      return "too_large";
    case ErrorCode::bad_utf8:
      return "bad_utf8";
    case ErrorCode::rate_limited:
      return "rate_limited";
    case ErrorCode::bad_token:
      return "bad_token";
    case ErrorCode::not_ready:
      return "not_ready";
    case ErrorCode::internal:
      return "internal";
    case ErrorCode::missing_hello:
      return "missing_hello";
  }
  return "internal";
}

Decoded decode_client_frame(std::string_view payload, const DecodeLimits& limits) {
  // Checked before parsing so that the client learns the real problem: the JSON
  // parser would report invalid UTF-8 as a syntax error.
  if (!is_valid_utf8(payload)) return fail(ErrorCode::bad_utf8, "frame is not UTF-8");
  const json frame = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (frame.is_discarded()) return fail(ErrorCode::bad_json, "frame is not valid JSON");
  if (!frame.is_object()) return fail(ErrorCode::bad_json, "frame must be a JSON object");
  const auto type = frame.find("type");
  if (type == frame.end()) return fail(ErrorCode::missing_field, "frame needs a \"type\"");
  if (!type->is_string()) return fail(ErrorCode::bad_type, "\"type\" must be a string");
  const auto& name = type->get_ref<const std::string&>();
  if (name == "hello") return decode_hello(frame, limits);
  if (name == "say") return decode_say(frame, limits);
  return fail(ErrorCode::bad_type, "unknown frame type; clients send hello or say");
}

std::string encode_error(ErrorCode code, const std::optional<std::string>& re,
                         std::string_view message) {
  json frame = {{"type", "error"},
                {"re", re ? json(*re) : json(nullptr)},
                {"code", to_string(code)},
                {"message", message}};
  return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encode_welcome(const service::Welcome& welcome) {
  json frame = {{"type", "welcome"},      {"user", welcome.user_id},
                {"token", welcome.token}, {"resumed", welcome.resumed},
                {"tier", welcome.tier},   {"history", welcome.history}};
  if (!welcome.banner.is_null()) frame["banner"] = welcome.banner;
  return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encode_reply(const std::string& re, const service::TurnReply& reply) {
  json frame = {{"type", "reply"},
                {"re", re},
                {"messages", service::to_json(reply.messages)},
                {"tier", service::tier_to_json(reply.tier)},
                {"flags", reply.flags},
                {"exercises", reply.exercises}};
  if (!reply.banner.is_null()) frame["banner"] = reply.banner;
  if (reply.duplicate) frame["duplicate"] = true;
  return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encode_push(const service::TurnReply& reply) {
  json frame = {{"type", "push"},
                {"messages", service::to_json(reply.messages)},
                {"tier", service::tier_to_json(reply.tier)},
                {"flags", reply.flags}};
  if (!reply.banner.is_null()) frame["banner"] = reply.banner;
  return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

ErrorCode error_code_for(service::ServiceError e) {
  switch (e) {
    case service::ServiceError::bad_token:
      return ErrorCode::bad_token;
    case service::ServiceError::not_ready:
      return ErrorCode::not_ready;
    case service::ServiceError::internal:
      return ErrorCode::internal;
  }
  return ErrorCode::internal;
}

std::string_view message_for(service::ServiceError e) {
  switch (e) {
    case service::ServiceError::bad_token:
      return "token is not valid; say hello without a token to start again";
    case service::ServiceError::not_ready:
      return "server cannot take turns now; retry later";
    case service::ServiceError::internal:
      return "internal error; the message was not stored";
  }
  return "internal error";
}

}  // namespace backcoach::net
