#include "app/checkin_delivery.h"

namespace backcoach::app {

namespace {
constexpr char kWidgetChannel[] = "ws";
}  // namespace

result<service::OutboundPresenter> CheckinDelivery::presenter(const std::string& user_id,
                                                              const std::string& channel,
                                                              const std::string& event) {
  auto owed = notifier_.presenter_for(user_id, event);
  if (!owed) return owed.error();
  if (!*owed && channel != kWidgetChannel) return errc::not_found;
  return owed;
}

void CheckinDelivery::committed(const std::string& user_id, const std::string&,
                                const service::TurnReply& reply) {
  server_.push(user_id, reply);
}

}  // namespace backcoach::app
