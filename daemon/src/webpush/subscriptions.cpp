#include "webpush/subscriptions.h"

#include <boost/asio/post.hpp>

#include "common/base64url.h"
#include "outbound/outbound_error.h"
#include "outbound/target.h"
#include "webpush/ec_key.h"

namespace backcoach::webpush {
namespace {

constexpr std::size_t kAuthBytes = 16;

const nlohmann::json* string_member(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? &*it : nullptr;
}

}  // namespace

SubscribeResult<store::PushSubscription> parse_subscription(const nlohmann::json& body) {
  const auto* endpoint = string_member(body, "endpoint");
  const auto keys = body.is_object() ? body.find("keys") : body.end();
  if (endpoint == nullptr || keys == body.end()) return SubscribeError::bad_subscription;
  const auto* p256dh = string_member(*keys, "p256dh");
  const auto* auth = string_member(*keys, "auth");
  if (p256dh == nullptr || auth == nullptr) return SubscribeError::bad_subscription;
  const auto& url = endpoint->get_ref<const std::string&>();
  if (url.size() > kMaxEndpointBytes) return SubscribeError::bad_subscription;
  if (auto target = outbound::parse_target(url); !target) {
    return target.error() == outbound::error::insecure_url ? SubscribeError::insecure_endpoint
                                                           : SubscribeError::bad_subscription;
  }
  const auto point = base64url_decode(p256dh->get_ref<const std::string&>());
  const auto secret = base64url_decode(auth->get_ref<const std::string&>());
  if (!point || !secret || secret->size() != kAuthBytes || !EcKey::from_public(*point)) {
    return SubscribeError::bad_subscription;
  }
  return store::PushSubscription{{}, url, base64url_encode(*point), base64url_encode(*secret), 0};
}

void Subscriptions::subscribe(const std::string& user_id, const nlohmann::json& body,
                              std::function<void(SubscribeResult<store::PushSubscription>)> done) {
  auto parsed = parse_subscription(body);
  if (!parsed) return done(parsed.error());
  parsed->user_id = user_id;
  boost::asio::post(blocking_, [this, s = std::move(*parsed), done = std::move(done)]() mutable {
    s.created_at_ms = clock_();
    auto put = store_.put_subscription(s, s.created_at_ms);
    if (!put) {
      return done(put.error() == errc::not_found ? SubscribeError::no_user
                                                 : SubscribeError::unavailable);
    }
    auto all = store_.subscriptions_of(s.user_id);  // oldest first
    for (std::size_t i = 0; all && i + kMaxBrowsers < all->size(); ++i) {
      if (!store_.delete_subscriptions(s.user_id, (*all)[i].endpoint)) break;  // next time
    }
    done(std::move(s));
  });
}

void Subscriptions::unsubscribe(const std::string& user_id, const std::string& endpoint,
                                std::function<void(SubscribeResult<int>)> done) {
  boost::asio::post(blocking_, [this, user_id, endpoint, done = std::move(done)] {
    auto removed = store_.delete_subscriptions(user_id, endpoint);
    if (!removed) return done(SubscribeError::unavailable);
    done(*removed);
  });
}

}  // namespace backcoach::webpush
