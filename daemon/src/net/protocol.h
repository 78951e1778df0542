#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "service/turn_reply.h"

namespace backcoach::net {

// Protocol v1: JSON text frames on GET /v1/chat (docs/protocol.md).
// Decoding is pure and never throws: every input maps to a frame or an error.

enum class ErrorCode {
  bad_json,       // not JSON, or not a JSON object
  bad_type,       // "type" is not a string the client may send, or a binary frame
  missing_field,  // a required field is absent, empty or of the wrong JSON type
  too_large,      // frame over the size limit, or text over the character limit
  bad_utf8,       // payload is not valid UTF-8
  rate_limited,   // too many frames in the window; this one was dropped
  bad_token,      // hello's token is not genuine (or its user was erased)
  not_ready,      // the server is shutting down or cannot store turns now
  internal,       // something failed on our side; the turn was not stored
  missing_hello,  // a frame other than hello before the first welcome
};
inline constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::bad_json, ErrorCode::bad_type,     ErrorCode::missing_field, ErrorCode::too_large,
    ErrorCode::bad_utf8, ErrorCode::rate_limited, ErrorCode::bad_token,     ErrorCode::not_ready,
    ErrorCode::internal, ErrorCode::missing_hello};

std::string_view to_string(ErrorCode code);

// `tz`: the browser's IANA time zone, when the client sends one (a check-in's
// journal date and a reminder time chosen in the chat use it).
struct HelloFrame {
  std::optional<std::string> token;
  std::optional<std::string> tz;
};

struct SayFrame {
  std::string id;
  std::string text;
  std::optional<std::string> tz;
};

struct DecodeError {
  ErrorCode code;
  std::optional<std::string> re;  // the say id when it could be read
  std::string message;            // for people; never echoes the input
};

using Decoded = std::variant<HelloFrame, SayFrame, DecodeError>;

struct DecodeLimits {
  std::size_t max_text_chars = 2000;  // code points of say.text
  std::size_t max_id_bytes = 128;     // say.id
  std::size_t max_token_bytes = 512;  // hello.token
  std::size_t max_tz_bytes = 64;      // hello.tz, say.tz: longer is ignored
};

// Decodes one text frame's payload.
Decoded decode_client_frame(std::string_view payload, const DecodeLimits& limits);

// Server frames, serialised.
std::string encode_error(ErrorCode code, const std::optional<std::string>& re,
                         std::string_view message);
std::string encode_welcome(const service::Welcome& welcome);
std::string encode_reply(const std::string& re, const service::TurnReply& reply);
// A message the server starts (a due check-in): {"type":"push","messages":[...],
// "tier":...,"flags":[...]}.
std::string encode_push(const service::TurnReply& reply);

// The error code a service failure is reported with.
ErrorCode error_code_for(service::ServiceError e);
std::string_view message_for(service::ServiceError e);

}  // namespace backcoach::net
