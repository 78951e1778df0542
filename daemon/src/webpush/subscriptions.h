#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/result.hpp>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "store/push_subscriptions.h"

namespace backcoach::webpush {

enum class SubscribeError {
  bad_subscription,   // not a PushSubscription: endpoint, keys.p256dh, keys.auth
  insecure_endpoint,  // not https (http only to a loopback IP, for tests)
  no_user,            // erased
  unavailable,        // the store failed or refuses writes
};

template <class T>
using SubscribeResult = boost::system::result<T, SubscribeError>;

// The longest endpoint taken; push services' are a few hundred bytes.
constexpr std::size_t kMaxEndpointBytes = 2048;
// Browsers kept per person: registering one more drops the oldest, so a token cannot
// make each check-in a flood of requests.
constexpr std::size_t kMaxBrowsers = 10;

// Reads the JSON of a browser's PushSubscription ({"endpoint", "keys": {"p256dh",
// "auth"}}; other members, such as expirationTime, are ignored): the endpoint must be
// an absolute https URL, p256dh a P-256 point and auth 16 bytes, both base64url.
// The keys come back re-encoded without padding. `user_id` and the time are unset.
SubscribeResult<store::PushSubscription> parse_subscription(const nlohmann::json& body);

// The subscriptions a person registers over HTTP (/v1/me/push). Validation is
// immediate; store work runs on `blocking`. Handlers run on an unspecified thread,
// once each. Thread-safety: any thread. Must outlive the operations it started.
class Subscriptions {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC milliseconds, injected

  Subscriptions(boost::asio::any_io_executor blocking, store::PushSubscriptions& store, Clock clock)
      : blocking_(std::move(blocking)), store_(store), clock_(std::move(clock)) {}

  // Registers the browser (replacing its earlier registration), keeping the person's
  // newest kMaxBrowsers.
  void subscribe(const std::string& user_id, const nlohmann::json& body,
                 std::function<void(SubscribeResult<store::PushSubscription>)> done);
  // Removes the person's subscription at `endpoint`, all of theirs when empty; the
  // number removed.
  void unsubscribe(const std::string& user_id, const std::string& endpoint,
                   std::function<void(SubscribeResult<int>)> done);

 private:
  boost::asio::any_io_executor blocking_;
  store::PushSubscriptions& store_;
  Clock clock_;
};

}  // namespace backcoach::webpush
