#include "app/checkin_delivery.h"

#include "dialogue/rule_set.h"
#include "webpush/push_deliverer.h"

namespace backcoach::app {

// An open widget gets the push frame after the commit, so no notification is owed
// too (one check-in, one alert). The choice is made before the turn runs: a widget
// closed in the instant between finds the check-in in its history; one opened in
// that instant gets both.
service::OutboundPresenter CheckinDelivery::presenter(const std::string& user_id,
                                                      const std::string&) {
  if (server_.connected(user_id)) return {};
  auto subscriptions = subscriptions_.subscriptions_of(user_id);
  const auto rules = rules_.get();
  if (!subscriptions || subscriptions->empty() || !rules) return {};
  return [rows = webpush::notification_messages(*subscriptions,
                                                rules->checkin_notification_title(),
                                                rules->checkin_notification_body())](
             const service::TurnReply&) { return rows; };
}

void CheckinDelivery::committed(const std::string& user_id, const std::string&,
                                const service::TurnReply& reply) {
  server_.push(user_id, reply);
}

}  // namespace backcoach::app
