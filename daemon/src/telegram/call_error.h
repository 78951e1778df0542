#pragma once

#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "outbound/https_client.h"

namespace backcoach::telegram {

// Why a Bot API call did not succeed: no answer at all (`transport`), or Telegram's
// {"ok": false, "error_code", "description", "parameters": {"retry_after", "migrate_to_chat_id"}}.
// Holds no token and no message text, so it may be logged.
struct CallError {
  boost::system::error_code transport;  // set when no usable HTTP answer came back
  int code = 0;                         // Telegram's error_code (HTTP-like), or the HTTP status
  std::string description;              // Telegram's, or ours when its answer was unreadable
  std::optional<std::chrono::seconds> retry_after;  // with 429: wait this long
  std::optional<std::int64_t> migrate_to_chat_id;   // with 400: the group became a supergroup

  bool failed() const { return transport || code != 0; }
  explicit operator bool() const { return failed(); }
  bool blocked() const { return code == 403; }  // the person blocked the bot, or left
  bool rate_limited() const { return code == 429; }
  // Worth sending again later: no answer, 429 or a 5xx. A 4xx other than 429 never is.
  bool retryable() const { return transport || code == 429 || code >= 500; }
  // "429 Too Many Requests: retry after 3" / "transport: request timed out"
  std::string summary() const;
};

// What a call came to: `result` is Telegram's result when !error.
struct Decoded {
  CallError error;
  nlohmann::json result;
};

// Reads an HTTP answer of the Bot API. Never throws: a body that is not Telegram's JSON (a
// proxy's HTML page on 502) is an error with the HTTP status as its code.
Decoded decode_answer(const outbound::Response& response);

}  // namespace backcoach::telegram
