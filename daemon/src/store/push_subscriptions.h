#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"

namespace backcoach::store {

// A browser's Web Push subscription (the PushSubscription a widget registered): where
// the push service takes messages for it, and the keys a message is encrypted to.
struct PushSubscription {
  std::string user_id;
  std::string endpoint;  // the push service's URL for this browser (a capability: whoever
                         // has it can send to the browser; never logged)
  std::string p256dh;    // the browser's public key, base64url as the browser gives it
  std::string auth;      // its authentication secret, base64url: never exported or logged
  std::int64_t created_at_ms = 0;
  friend bool operator==(const PushSubscription&, const PushSubscription&) = default;
};

// The people's push subscriptions (migration 7). An endpoint belongs to one browser
// and so to one person at a time: registering it again (the same browser after a
// "forget me", or with fresh keys) replaces the row. Erasing a person erases theirs.
// Thread-safety: every method from any thread; never from an I/O thread.
class PushSubscriptions {
 public:
  virtual ~PushSubscriptions() = default;

  // Stores (or replaces, by endpoint) a subscription. errc::not_found for no such user.
  virtual result<void> put_subscription(const PushSubscription& subscription,
                                        std::int64_t now_ms) = 0;
  // The person's subscriptions, oldest first.
  virtual result<std::vector<PushSubscription>> subscriptions_of(const std::string& user_id) = 0;
  // The subscription at `endpoint`, whoever's it is.
  virtual result<std::optional<PushSubscription>> find_subscription(
      const std::string& endpoint) = 0;
  // Removes the person's subscription at `endpoint`, or all of theirs when it is
  // empty. Returns how many went.
  virtual result<int> delete_subscriptions(const std::string& user_id,
                                           const std::string& endpoint) = 0;
};

}  // namespace backcoach::store
