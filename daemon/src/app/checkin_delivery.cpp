#include "app/checkin_delivery.h"

namespace backcoach::app {

// No outbox channel is wired yet: the Telegram presenter and the bot callback's
// come with the outbox worker (store/outbox.h) and are returned from here.
service::OutboundPresenter CheckinDelivery::presenter(const std::string&, const std::string&) {
  return {};
}

void CheckinDelivery::committed(const std::string& user_id, const std::string&,
                                const service::TurnReply& reply) {
  server_.push(user_id, reply);
}

}  // namespace backcoach::app
