#include "app/web_push_presenters.h"

#include "dialogue/rule_set.h"
#include "webpush/push_deliverer.h"

namespace backcoach::app {

service::Notifier::PersonPresenterFactory web_push_presenters(
    const net::Server& server, store::PushSubscriptions& subscriptions,
    const service::RulesHolder& rules) {
  return [&server, &subscriptions, &rules](
             const std::string& user_id, const std::string&) -> result<service::OutboundPresenter> {
    if (server.connected(user_id)) return service::OutboundPresenter{};
    auto browsers = subscriptions.subscriptions_of(user_id);
    if (!browsers) return browsers.error();
    const auto rule_set = rules.get();
    if (browsers->empty() || !rule_set) return service::OutboundPresenter{};
    return service::OutboundPresenter(
        [rows = webpush::notification_messages(*browsers, rule_set->checkin_notification_title(),
                                               rule_set->checkin_notification_body())](
            const service::TurnReply&) { return rows; });
  };
}

}  // namespace backcoach::app
