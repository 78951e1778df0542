#include "webpush/push_deliverer.h"

#include <boost/asio/post.hpp>

#include "common/base64url.h"
#include "outbox/http_outcome.h"
#include "webpush/encryption.h"
#include "webpush/vapid.h"

namespace backcoach::webpush {
namespace {

constexpr std::int64_t kJwtLifetimeS = 12 * 3600;  // RFC 8292 allows up to 24 hours

}  // namespace

std::vector<store::OutgoingMessage> notification_messages(
    const std::vector<store::PushSubscription>& subscriptions, const std::string& title,
    const std::string& body) {
  std::vector<store::OutgoingMessage> out;
  for (const auto& s : subscriptions) {
    out.push_back({kChannel, s.endpoint, {{"title", title}, {"body", body}, {"tag", "checkin"}}});
  }
  return out;
}

PushDeliverer::PushDeliverer(outbound::HttpsClient& client, boost::asio::any_io_executor blocking,
                             store::PushSubscriptions& subscriptions, const EcKey& vapid_key,
                             Clock clock, Options options)
    : client_(client),
      blocking_(std::move(blocking)),
      subscriptions_(subscriptions),
      key_(vapid_key),
      clock_(std::move(clock)),
      options_(std::move(options)) {}

void PushDeliverer::deliver(const store::QueuedMessage& message, Done done) {
  boost::asio::post(blocking_, [this, message, done = std::move(done)]() mutable {
    auto found = subscriptions_.find_subscription(message.message.destination);
    if (!found) return done(outbox::Delivery::retry("store: " + found.error().message()));
    if (!*found || (*found)->user_id != message.user_id) {
      return done(outbox::Delivery::gone("unsubscribed"));
    }
    send(**found, message.message.payload, std::move(done));
  });
}

void PushDeliverer::send(const store::PushSubscription& to, const nlohmann::json& payload,
                         Done done) {
  const auto p256dh = base64url_decode(to.p256dh);
  const auto auth = base64url_decode(to.auth);
  auto origin = endpoint_origin(to.endpoint);
  if (!p256dh || !auth || !origin)
    return forget(to, outbox::Delivery::gone("bad subscription"), std::move(done));
  auto body = encrypt_push_message(payload.dump(), {*p256dh, *auth});
  if (!body) {
    if (body.error() == errc::unavailable)
      return done(outbox::Delivery::retry("encryption failed"));
    return forget(to, outbox::Delivery::gone("bad subscription keys"), std::move(done));
  }
  const std::string jwt = vapid_jwt(key_, *origin, clock_() + kJwtLifetimeS, options_.subject);
  if (jwt.empty()) return done(outbox::Delivery::retry("signing failed"));
  outbound::Request request;
  request.method = boost::beast::http::verb::post;
  request.url = to.endpoint;
  request.content_type = "application/octet-stream";
  request.body = std::move(*body);
  request.headers = {{"Content-Encoding", "aes128gcm"},
                     {"TTL", std::to_string(options_.ttl.count())},
                     {"Urgency", "normal"},
                     {"Topic", "checkin"},
                     {"Authorization", vapid_authorization(key_, jwt)}};
  client_.request(std::move(request), [this, to, done = std::move(done)](
                                          boost::system::error_code ec,
                                          outbound::Response response) mutable {
    auto outcome = outbox::http_outcome(ec, response.status, response.retry_after);
    if (!ec && (response.status == 404 || response.status == 410)) {
      return boost::asio::post(blocking_, [this, to, outcome, done = std::move(done)]() mutable {
        forget(to, outcome, std::move(done));
      });
    }
    done(std::move(outcome));
  });
}

// The push service says the browser is gone (or its keys are unusable): the
// subscription is deleted, so no later check-in is queued for it. On `blocking`.
void PushDeliverer::forget(const store::PushSubscription& to, outbox::Delivery why, Done done) {
  (void)subscriptions_.delete_subscriptions(to.user_id, to.endpoint);  // retried at the next 410
  done(std::move(why));
}

}  // namespace backcoach::webpush
