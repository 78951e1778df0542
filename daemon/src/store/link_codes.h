#pragma once

#include <cstdint>
#include <string>

#include "common/errc.h"
#include "store/identities.h"

namespace backcoach::store {

// One-time codes that join a channel to a person who is known elsewhere: the
// widget's "continue on Telegram" link carries one. Only a hash of each code is
// stored (a copy of the database cannot be used to link). A code is used at most
// once and not after it expires; erasing the person erases their codes.
//
// Thread-safety: every method from any thread; none from an I/O thread.
class LinkCodes {
 public:
  virtual ~LinkCodes() = default;

  // Keeps `code` for `user_id` until `expires_at_ms`, and drops codes expired by
  // `now_ms`. errc::not_found when there is no such user; errc::duplicate when the
  // code exists already (a caller's random code never does).
  virtual result<void> add_link_code(const std::string& code, const std::string& user_id,
                                     std::int64_t expires_at_ms, std::int64_t now_ms) = 0;

  // Uses the code: `identity` then leads to the code's person (moved from whoever it
  // led to before, whose conversation stays as it was), and the code is gone, in one
  // transaction. Returns that person. errc::not_found for a code that is unknown,
  // used or expired.
  virtual result<std::string> redeem_link_code(const std::string& code, const Identity& identity,
                                               std::int64_t now_ms) = 0;
};

}  // namespace backcoach::store
