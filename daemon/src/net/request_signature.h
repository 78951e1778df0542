#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace backcoach::net {

// Signed requests of the bot API (docs/bots.md), as Stripe and Slack sign theirs:
//   X-Backcoach-Timestamp: <unix seconds>
//   X-Backcoach-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" under the key>
// The same scheme signs the daemon's callbacks to a bot. Pure functions.

inline constexpr std::string_view kTimestampHeader = "X-Backcoach-Timestamp";
inline constexpr std::string_view kSignatureHeader = "X-Backcoach-Signature";
// A request whose timestamp is further than this from our clock is refused, so a
// captured request cannot be replayed later.
inline constexpr std::int64_t kSignatureToleranceSeconds = 300;

// "v1=<64 lowercase hex digits>".
std::string sign_v1(std::string_view key, std::string_view timestamp, std::string_view body);

enum class SignatureCheck {
  ok,
  missing,        // a header is absent or empty
  bad_timestamp,  // not a whole number of seconds
  stale,          // further than the tolerance from `now_seconds`
  mismatch,       // not the signature of this body under this key
};

// Checks the headers' values against the body; the comparison takes the same time
// wherever the signatures differ.
SignatureCheck check_v1(std::string_view key, std::string_view timestamp,
                        std::string_view signature, std::string_view body,
                        std::int64_t now_seconds);

}  // namespace backcoach::net
