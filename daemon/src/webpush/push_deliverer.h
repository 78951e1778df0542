#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "outbound/https_client.h"
#include "outbox/deliverer.h"
#include "store/outbox.h"
#include "store/push_subscriptions.h"
#include "webpush/ec_key.h"

namespace backcoach::webpush {

// The outbox channel of Web Push messages; a row's destination is the endpoint.
inline constexpr char kChannel[] = "webpush";

// The rows that notify each of a person's browsers: channel "webpush", destination
// the endpoint, payload {"title", "body", "tag": "checkin"} — what the service
// worker shows (web/public/sw.js). Not the keys: they are read when sending, so a
// browser unsubscribed meanwhile gets nothing.
std::vector<store::OutgoingMessage> notification_messages(
    const std::vector<store::PushSubscription>& subscriptions, const std::string& title,
    const std::string& body);

// Sends queued Web Push messages (RFC 8030) to the push service at the endpoint:
//
//   POST <endpoint>
//   Content-Type: application/octet-stream
//   Content-Encoding: aes128gcm          the payload encrypted to the browser (RFC 8291)
//   TTL: <seconds>                       how long the push service may hold it
//   Urgency: normal
//   Topic: checkin                       a newer check-in replaces one still held
//   Authorization: vapid t=<JWT>, k=<public key>   (RFC 8292; the JWT's aud is the
//                                        endpoint's origin, exp 12 hours on)
//
// 201/202 (any 2xx): sent. 404/410: the subscription is gone — deleted, and the
// message with it. 429, 408, 5xx, no answer: retry (Retry-After honoured by the
// worker). Other 4xx (400, 403 a JWT for another key, 413): gone. A message whose
// subscription was removed (unsubscribed, erased, re-registered by someone else)
// is gone without a request.
//
// The subscription is read and the message encrypted on `blocking`. Nothing is
// logged here: the endpoint is a capability and the payload is the person's.
// Thread-safe; the client, store and key must outlive it, and it every send.
class PushDeliverer final : public outbox::Deliverer {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds, injected
  struct Options {
    std::string subject;  // the JWT's "sub": a mailto: or https: contact; empty: none
    std::chrono::seconds ttl{std::chrono::hours(12)};
  };

  PushDeliverer(outbound::HttpsClient& client, boost::asio::any_io_executor blocking,
                store::PushSubscriptions& subscriptions, const EcKey& vapid_key, Clock clock,
                Options options);

  void deliver(const store::QueuedMessage& message, Done done) override;

 private:
  void send(const store::PushSubscription& to, const nlohmann::json& payload, Done done);
  void forget(const store::PushSubscription& to, outbox::Delivery why, Done done);

  outbound::HttpsClient& client_;
  boost::asio::any_io_executor blocking_;
  store::PushSubscriptions& subscriptions_;
  const EcKey& key_;
  Clock clock_;
  const Options options_;
};

}  // namespace backcoach::webpush
